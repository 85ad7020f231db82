// Browser test of the console in headless Chromium (Debian's /usr/bin/chromium, playwright-core).
//   node console.test.mjs --url 'http://127.0.0.1:PORT/#token=T'      against `dlt up` (or a LocalPlatform)
//   node console.test.mjs --stub                                        against stub-server.mjs, live feed mocked
// Options: --target URL (default http://127.0.0.1:8401/fast), --screenshot PATH, --timeout-s N.
// Creates a scenario with the form (2 tasks), checks an API validation error lands next to its field,
// runs it, waits for the live chart to receive points, then for the results page, and saves a screenshot.
import { chromium } from 'playwright-core';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true]);
  return acc;
}, []));
const target = args.target || 'http://127.0.0.1:8401/fast';
const shot = path.resolve(args.screenshot || path.join(here, '../../../target/console.png'));
const timeout = Number(args['timeout-s'] || 120) * 1000;
fs.mkdirSync(path.dirname(shot), { recursive: true });

let url = args.url;
let stub = null;
if (args.stub) {
  const { startStub, TOKEN } = await import('./stub-server.mjs');
  stub = await startStub();
  url = `http://127.0.0.1:${stub.address().port}/#token=${TOKEN}`;
}
if (!url) { console.error('usage: console.test.mjs --url "http://127.0.0.1:PORT/#token=T" | --stub'); process.exit(2); }

const step = (m) => console.log(`[console-test] ${m}`);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('pageerror', (e) => { console.error('[page error]', e.message); });
page.on('console', (m) => { if (m.type() === 'error') console.error('[console]', m.text()); });
try {
  if (stub) await mockMqtt(page);
  await page.goto(url);
  await page.waitForSelector('#scenarios, .card');
  if (page.url().includes('token=')) throw new Error('the token stayed in the address bar');
  step('console loaded, token taken from the fragment');

  await page.click('#nav-new');
  await page.waitForSelector('#f-name');
  const name = `browser test ${new Date().toISOString().slice(11, 19)}`;
  await page.fill('#f-name', name);
  await page.fill('#f-desc', 'created by console.test.mjs');
  await page.fill('#f-tags', 'browser, smoke');
  await page.fill('[data-k=taskCount]', '2');
  await page.fill('[data-k=concurrency]', '2');
  await page.fill('#f-ramp', '0s');
  await page.fill('#f-hold', '12s');
  await page.check('#f-live');
  await page.fill('[data-k=url]', 'not a url');
  await page.fill('[data-k=label]', 'fast');
  await page.fill('[data-k=checkStatus]', '200');
  await page.fill('#f-thresholds', 'response_time: p(95)<5s\nerror_rate: <50%');
  await page.click('#run');
  const err = await page.waitForSelector('[data-k=url] ~ .field-error', { timeout: 10000 });
  step(`validation error shown next to the URL field: "${await err.textContent()}"`);

  await page.fill('[data-k=url]', target);
  await page.click('#run');
  await page.waitForSelector('#live', { timeout: 15000 });
  step('run started; details page shows the live section');
  await page.waitForFunction(() => Number(document.querySelector('#live-points')?.dataset.points || 0) > 0, null, { timeout });
  step(`live chart received ${await page.getAttribute('#live-points', 'data-points')} points`);
  await page.waitForFunction(() => Number(document.querySelector('#live-points')?.dataset.points || 0) >= 4, null, { timeout: 10000 }).catch(() => {});
  await page.screenshot({ path: shot.replace(/\.png$/, '-live.png'), fullPage: true });

  await page.waitForSelector('#latest-results', { timeout });
  await page.click('#latest-results');
  await page.waitForSelector('#summary', { timeout: 15000 });
  await page.waitForSelector('#c-pct .uplot');
  const requests = await page.textContent('#summary .stat .v');
  step(`results page: ${requests} requests`);
  await page.screenshot({ path: shot, fullPage: true });
  step(`screenshot saved to ${shot}`);

  if (!stub) await scheduleOne(page);
} catch (e) {
  failed = true;
  console.error('[console-test] FAILED:', e.message);
  await page.screenshot({ path: shot.replace(/\.png$/, '-failure.png'), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
  if (stub) stub.close();
}
process.exit(failed ? 1 : 0);

// Stub mode only: a minimal MQTT 3.1.1 peer on the console's WebSocket (CONNACK, SUBACK, then a
// PUBLISH per second on the subscribed topic, each second split into two parts to exercise summing).
// A scenario scheduled with cron in the form: the preview lists the next runs in the chosen zone, a bad
// cron field is explained in place, and the stored schedule shows on the details page and in the list.
async function scheduleOne(p) {
  await p.click('#nav-new');
  await p.waitForSelector('#f-name');
  const name = `scheduled ${new Date().toISOString().slice(11, 19)}`;
  await p.fill('#f-name', name);
  await p.fill('#f-desc', 'scheduled by console.test.mjs');
  await p.fill('#f-ramp', '0s');
  await p.fill('#f-hold', '5s');
  await p.fill('[data-k=url]', target);
  await p.check('input[name=when][value=cron]');
  if (await p.textContent('#run') !== 'Schedule') throw new Error('the run button does not say Schedule');
  await p.fill('#f-zone', 'Asia/Tokyo');
  await p.fill('#f-cron', '0 3 * * 9');
  await p.waitForFunction(() => /day-of-week/.test(document.querySelector('#schedule-preview')?.textContent || ''), null, { timeout: 10000 });
  step(`bad cron explained in the preview: "${(await p.textContent('#schedule-preview')).trim()}"`);
  await p.fill('#f-cron', '0 3 * * 1-5');
  await p.waitForFunction(() => document.querySelectorAll('#schedule-preview #next-runs li').length === 5, null, { timeout: 10000 });
  const first = (await p.textContent('#schedule-preview #next-runs li')).trim();
  if (!/^\d{4}-\d{2}-\d{2} 03:00:00\+09:00$/.test(first)) throw new Error(`the preview's first run is ${first}`);
  step(`preview lists 5 runs, the first ${first}`);
  await p.click('#run');
  await p.waitForSelector('#schedule-card', { timeout: 15000 });
  const listed = await p.$$eval('#schedule-card #next-runs li', (items) => items.length);
  if (listed !== 5) throw new Error(`the details page lists ${listed} next runs`);
  if ((await p.textContent('#status')).trim() !== 'scheduled') throw new Error('the scenario is not shown as scheduled');
  if (await p.$('#live')) throw new Error('a scheduled scenario shows a live section');
  step('details page shows the schedule and its next runs');
  await p.screenshot({ path: shot.replace(/\.png$/, '-schedule.png'), fullPage: true });
  await p.click('#nav-list');
  await p.waitForSelector('#scenarios tbody tr');
  const row = p.locator('#scenarios tbody tr', { hasText: name });
  if ((await row.locator('.next-run').textContent()).trim() === '–') throw new Error('the list shows no next run');
  step('the list shows the next run');
}

async function mockMqtt(p) {
  await p.routeWebSocket(/\/mqtt$/, (ws) => {
    let timer = null;
    ws.onMessage((m) => {
      const b = Buffer.from(m);
      const type = b[0] >> 4;
      if (type === 1) ws.send(Buffer.from([0x20, 2, 0, 0]));
      if (type === 8) {
        let i = 1; while (b[i] & 0x80) i++; i++;
        const id = b.subarray(i, i + 2);
        const tlen = b.readUInt16BE(i + 2);
        const topic = b.subarray(i + 4, i + 4 + tlen).toString();
        ws.send(Buffer.from([0x90, 3, id[0], id[1], 0]));
        timer = setInterval(() => {
          const ts = Math.floor(Date.now() / 1000) * 1000;
          for (const part of [0, 1]) {
            const msg = JSON.stringify({ 'us-east-1': [{ testId: topic.slice(4), vu: 2, succ: 100 + part, fail: part, avgRt: 0.002, timestamp: ts, rps: 100 + part, p95Ms: 4, p99Ms: 9, tasks: 1 }] });
            const payload = Buffer.concat([Buffer.from([tlen >> 8, tlen & 255]), Buffer.from(topic), Buffer.from(msg)]);
            const len = []; let n = payload.length;
            do { let d = n % 128; n = Math.floor(n / 128); if (n > 0) d |= 0x80; len.push(d); } while (n > 0);
            ws.send(Buffer.concat([Buffer.from([0x30, ...len]), payload]));
          }
        }, 1000);
      }
      if (type === 12) ws.send(Buffer.from([0xd0, 0]));
      if (type === 14 && timer) clearInterval(timer);
    });
    ws.onClose(() => timer && clearInterval(timer));
  });
}
