// Browser test of the console in headless Chromium (Debian's /usr/bin/chromium, playwright-core).
//   node console.test.mjs --url 'http://127.0.0.1:PORT/#token=T'      against `dlt up` (or a LocalPlatform)
//   node console.test.mjs --stub                                        against stub-server.mjs, live feed mocked
//   node console.test.mjs --stub --auth cognito                         the console as deployed on AWS: signed in
//       with Cognito, live data through POST /live-access, Cognito Identity and a SigV4-signed IoT WebSocket
//       (Cognito Identity and IoT Core played by the test, the URL's signature checked)
// Options: --target URL (default http://127.0.0.1:8401/fast), --screenshot PATH, --timeout-s N.
// Creates a scenario with the form (2 tasks), checks an API validation error lands next to its field,
// runs it, waits for the live chart to receive points, then for the results page, and saves a screenshot;
// against a real platform, it then runs a JMeter plan uploaded from the form.
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
let stubModule = null;
const cognitoMode = args.auth === 'cognito';
if (cognitoMode && !args.stub) { console.error('--auth cognito needs --stub'); process.exit(2); }
if (args.stub) {
  stubModule = await import('./stub-server.mjs');
  stub = await stubModule.startStub({ auth: cognitoMode ? 'cognito' : 'token' });
  url = cognitoMode ? `http://127.0.0.1:${stub.address().port}/#/` : `http://127.0.0.1:${stub.address().port}/#token=${stubModule.TOKEN}`;
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
// the page's Content-Security-Policy (index.html) must let every part of the console work: a refusal fails the test
const cspRefusals = [];
page.on('console', (m) => {
  if (m.type() === 'error') console.error('[console]', m.text());
  if (/Content Security Policy/i.test(m.text())) cspRefusals.push(m.text());
});
const aws = { credentialRequests: [], brokerUrls: [] };
try {
  if (stub) await mockMqtt(page);
  if (cognitoMode) await mockAws(page);
  await page.goto(url);
  await page.waitForSelector('#scenarios, .card');
  if (page.url().includes('token=')) throw new Error('the token stayed in the address bar');
  step(cognitoMode ? 'console loaded, signed in with a Cognito ID token' : 'console loaded, token taken from the fragment');

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
  if (cognitoMode) await checkSignedConnection();
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
  if (!stub) await jmeterScript(page);
  if (cspRefusals.length) throw new Error(`the Content-Security-Policy refused: ${cspRefusals.join(' | ')}`);
  step('no Content-Security-Policy refusal');
} catch (e) {
  failed = true;
  console.error('[console-test] FAILED:', e.message);
  await page.screenshot({ path: shot.replace(/\.png$/, '-failure.png'), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
  if (stub) stub.close();
}
process.exit(failed ? 1 : 0);

// A JMeter test from the form: the plan is uploaded through the upload route (a presigned PUT to the
// platform's S3, another origin), the scenario posted, the workers run it and the results page opens.
async function jmeterScript(p) {
  const t = new URL(target);
  const plan = path.join(here, 'console-plan.jmx');
  fs.writeFileSync(plan, `<?xml version="1.0" encoding="UTF-8"?>
<jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3"><hashTree>
  <TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="console plan"/><hashTree>
    <ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="users">
      <intProp name="ThreadGroup.num_threads">1</intProp><intProp name="ThreadGroup.ramp_time">0</intProp>
      <elementProp name="ThreadGroup.main_controller" elementType="LoopController" guiclass="LoopControlPanel" testclass="LoopController">
        <stringProp name="LoopController.loops">1</stringProp></elementProp>
    </ThreadGroup><hashTree>
      <HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" testname="console fast">
        <stringProp name="HTTPSampler.domain">${t.hostname}</stringProp><stringProp name="HTTPSampler.port">${t.port}</stringProp>
        <stringProp name="HTTPSampler.protocol">http</stringProp><stringProp name="HTTPSampler.path">${t.pathname}</stringProp>
        <stringProp name="HTTPSampler.method">GET</stringProp></HTTPSamplerProxy><hashTree/>
    </hashTree></hashTree></hashTree></jmeterTestPlan>`);
  await p.click('#nav-new');
  await p.waitForSelector('#f-name');
  await p.fill('#f-name', `browser jmeter ${new Date().toISOString().slice(11, 19)}`);
  await p.fill('#f-desc', 'a JMeter plan uploaded by console.test.mjs');
  await p.check('input[name=testType][value=jmeter]');
  await p.waitForSelector('#f-script', { state: 'visible' });
  await p.setInputFiles('#f-script', plan);
  await p.fill('[data-k=taskCount]', '1');
  await p.fill('[data-k=concurrency]', '2');
  await p.fill('#f-ramp', '0s');
  await p.fill('#f-hold', '3s');
  await p.click('#run');
  await p.waitForSelector('#latest-results', { timeout });
  step('JMeter plan uploaded from the form, run finished');
  await p.click('#latest-results');
  await p.waitForSelector('#summary', { timeout: 15000 });
  step(`JMeter results page: ${await p.textContent('#summary .stat .v')} requests`);
}

// --auth cognito: Cognito Identity's GetCredentialsForIdentity, played here; it answers only for the identity
// the API granted and the ID token the console signed in with.
async function mockAws(p) {
  const { ID_TOKEN, IDENTITY_ID, COGNITO_CONFIG } = stubModule;
  await p.addInitScript((token) => sessionStorage.setItem('dlt.cognito', JSON.stringify({ idToken: token })), ID_TOKEN);
  await p.route('https://cognito-identity.us-east-1.amazonaws.com/**', async (route) => {
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'content-type,x-amz-target', 'Access-Control-Allow-Methods': 'POST' };
    const request = route.request();
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 200, headers: cors });
    const body = JSON.parse(request.postData() || '{}');
    aws.credentialRequests.push({ target: request.headers()['x-amz-target'], body });
    const login = body.Logins?.[`cognito-idp.us-east-1.amazonaws.com/${COGNITO_CONFIG.userPoolId}`];
    if (body.IdentityId !== IDENTITY_ID || login !== ID_TOKEN) {
      return route.fulfill({ status: 400, headers: cors, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'NotAuthorizedException', message: 'Invalid login token' }) });
    }
    return route.fulfill({ status: 200, headers: cors, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ IdentityId: IDENTITY_ID,
      Credentials: { AccessKeyId: 'ASIASTUBKEY000000001', SecretKey: 'stubSecret/Key+1', SessionToken: 'stub/session+token=1', Expiration: Math.floor(Date.now() / 1000) + 3600 } }) });
  });
}

// The broker URL the console opened is a SigV4 URL for IoT made with the credentials Cognito gave: recomputed
// here with aws-live.js's signer, which node --test checks against AWS's own vectors (console-live.test.mjs).
async function checkSignedConnection() {
  if (stub.grants.length !== 1) throw new Error(`the console asked the API for live access ${stub.grants.length} times, not once`);
  const req = aws.credentialRequests[0];
  if (!req || req.target !== 'AWSCognitoIdentityService.GetCredentialsForIdentity') throw new Error('the console did not get credentials from Cognito Identity');
  const opened = new URL(aws.brokerUrls[0]);
  if (opened.origin + opened.pathname !== `wss://${stubModule.COGNITO_CONFIG.iotEndpoint}/mqtt`) throw new Error(`the console connected to ${opened.origin}${opened.pathname}`);
  const q = opened.searchParams;
  if (q.get('X-Amz-Security-Token') !== 'stub/session+token=1') throw new Error('the session token is not on the URL');
  const { presignUrl } = await import(`data:text/javascript,${encodeURIComponent(fs.readFileSync(path.join(process.env.WEBUI_ROOT || path.join(here, '../../main/resources/webui'), 'aws-live.js'), 'utf8'))}`);
  const stamp = q.get('X-Amz-Date');
  const date = new Date(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`);
  const expected = await presignUrl({ scheme: 'wss', host: opened.host, path: '/mqtt', service: 'iotdevicegateway', region: 'us-east-1',
    credentials: { accessKeyId: 'ASIASTUBKEY000000001', secretAccessKey: 'stubSecret/Key+1', sessionToken: 'stub/session+token=1' },
    date, expiresSeconds: Number(q.get('X-Amz-Expires')), sessionTokenAfterSigning: true });
  if (expected !== aws.brokerUrls[0]) throw new Error(`the broker URL is not signed as IoT wants:\n${aws.brokerUrls[0]}\n${expected}`);
  step(`live data came through IoT's signed WebSocket (identity granted by the API, credentials from Cognito, signature ${q.get('X-Amz-Signature').slice(0, 12)}…)`);
}

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
  await p.routeWebSocket(/\/mqtt(\?|$)/, (ws) => {
    aws.brokerUrls.push(ws.url());
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
