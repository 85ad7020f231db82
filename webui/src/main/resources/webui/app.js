// dlt console: one page, hash routes, plain ES module, no build step.
// Talks to the DLT-compatible API (apiBase from console-config.json) and, while a test runs,
// to the live-data MQTT topic dlt/{testId} over WebSocket (mqttWs locally; on AWS IoT Core, see aws-live.js).

const TOKEN_KEY = 'dlt.token';
// 'scheduled' waits for its schedule: no run holds workers, so it is not active
const ACTIVE = new Set(['queued', 'provisioning', 'running', 'cancelling', 'parsing results']);
const TERMINAL = new Set(['complete', 'failed', 'cancelled']);
const main = document.getElementById('main');
let config = { apiBase: '/api', mqttWs: null, auth: 'token' };
let cognito = null;
let cleanups = [];

// ---------- token: read once from the fragment, keep for the tab, drop from the address bar ----------
function takeToken() {
  const m = location.hash.match(/^#(?:\/?)token=([^&]+)(?:&(.*))?$/);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + location.search + '#/');
  }
}

// ---------- small helpers ----------
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
const fmt = (n, d = 0) => n == null || Number.isNaN(+n) ? '–' : (+n).toLocaleString(undefined, { maximumFractionDigits: d, minimumFractionDigits: 0 });
const ms = (n) => n == null ? '–' : `${fmt(n, n < 10 ? 2 : 1)} ms`;
const when = (t) => t ? new Date(t).toLocaleString() : '–';
// DLT's "YYYY-MM-DD HH:MM:SS" times are UTC
const utc = (t) => t && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t) ? `${t.replace(' ', 'T')}Z` : t;
const badge = (s) => `<span class="badge ${esc(String(s || '').replace(/\s+/g, '-'))}">${esc(s || 'unknown')}</span>`;
const enc = encodeURIComponent;

function flash(msg, err = false) {
  const box = document.getElementById('flash');
  const d = document.createElement('div');
  d.textContent = msg; if (err) d.className = 'err';
  box.appendChild(d); setTimeout(() => d.remove(), err ? 6000 : 3000);
}

class ApiError extends Error {
  constructor(status, body) { super(body?.message || `HTTP ${status}`); this.status = status; this.body = body || {}; }
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (config.auth === 'token' && token) headers.Authorization = `Bearer ${token}`;
  if (config.auth === 'cognito' && cognito) headers.Authorization = await cognito.idToken();
  const res = await fetch(config.apiBase + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null; try { json = text ? JSON.parse(text) : null; } catch { json = { message: text }; }
  if (!res.ok) {
    if (res.status === 401) json = { ...(json || {}), message: 'Not signed in: open the console through the URL that "dlt up" printed (it carries the token).' };
    throw new ApiError(res.status, json);
  }
  return json;
}

function download(name, obj) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(obj, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a'); a.href = url; a.download = name; a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function showError(e) {
  main.innerHTML = `<div class="card"><h2>Something went wrong</h2><p class="form-errors">${esc(e.message)}</p>
    <p><a href="#/">Back to scenarios</a></p></div>`;
}

// ---------- charts (uPlot) ----------
const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];
function chart(el, title, names, data, opts = {}) {
  const width = Math.max(280, el.clientWidth || 520);
  const u = new uPlot({
    title, width, height: opts.height || 200,
    scales: { x: { time: opts.time !== false } },
    axes: opts.axes || [{}, { size: 60 }],
    series: [{ label: opts.xLabel || 'time' }, ...names.map((n, i) => ({ label: n, stroke: COLORS[i % COLORS.length], width: 2, points: { show: opts.points ?? false } }))],
    legend: { live: true },
  }, data, el);
  const ro = new ResizeObserver(() => u.setSize({ width: Math.max(280, el.clientWidth), height: opts.height || 200 }));
  ro.observe(el); cleanups.push(() => { ro.disconnect(); u.destroy(); });
  return u;
}

// ---------- router ----------
const routes = [
  [/^#?\/?$/, listPage],
  [/^#\/new$/, () => formPage(null)],
  [/^#\/s\/([^/]+)\/edit$/, (id) => formPage(id)],
  [/^#\/s\/([^/]+)$/, detailsPage],
  [/^#\/s\/([^/]+)\/runs\/([^/]+)$/, runPage],
  [/^#\/s\/([^/]+)\/runs\/([^/]+)\/compare$/, comparePage],
];

async function route() {
  cleanups.forEach((f) => { try { f(); } catch { /* ignore */ } });
  cleanups = [];
  const hash = location.hash || '#/';
  for (const [re, fn] of routes) {
    const m = hash.match(re);
    if (m) {
      try { await fn(...m.slice(1).map(decodeURIComponent)); } catch (e) { showError(e); }
      window.scrollTo(0, 0);
      return;
    }
  }
  main.innerHTML = '<div class="card">No such page. <a href="#/">Scenarios</a></div>';
}

// ---------- scenario list ----------
async function listPage() {
  main.innerHTML = '<p class="muted">Loading scenarios…</p>';
  const data = await api('GET', '/scenarios');
  const items = (data.Items || []).sort((a, b) => String(b.startTime || '').localeCompare(String(a.startTime || '')));
  main.innerHTML = `
    <div class="row"><div><h1>Scenarios</h1><div class="muted">${items.length} stored</div></div><span class="spacer"></span>
      <input type="search" id="search" placeholder="Search by name or tag" style="max-width:320px">
      <a class="btn primary" href="#/new">New scenario</a></div>
    <div class="card" style="padding:0">
      <table id="scenarios"><thead><tr><th>Name</th><th>Status</th><th>Last run</th><th>Next run</th><th class="num">Runs</th><th>Tags</th></tr></thead><tbody></tbody></table>
      ${items.length ? '' : '<p class="muted" style="padding:16px">No scenarios yet. <a href="#/new">Create the first one</a>.</p>'}
    </div>`;
  const tbody = $('#scenarios tbody');
  const draw = (q) => {
    q = q.trim().toLowerCase();
    const shown = items.filter((s) => !q || s.testName.toLowerCase().includes(q) || (s.tags || []).some((t) => t.toLowerCase().includes(q)));
    tbody.innerHTML = shown.map((s) => `<tr data-test-id="${esc(s.testId)}">
      <td><a href="#/s/${enc(s.testId)}">${esc(s.testName)}</a><div class="muted small">${esc(s.testDescription || '')}</div></td>
      <td>${badge(s.status)}</td><td>${when(s.startTime)}</td><td class="next-run">${s.nextRun ? when(utc(s.nextRun)) : '–'}</td><td class="num">${fmt(s.totalTestRuns)}</td>
      <td>${(s.tags || []).map((t) => `<span class="tag" data-tag="${esc(t)}">${esc(t)}</span>`).join('')}</td></tr>`).join('');
  };
  const search = $('#search');
  search.addEventListener('input', () => draw(search.value));
  tbody.addEventListener('click', (e) => { const t = e.target.closest('.tag'); if (t) { search.value = t.dataset.tag; draw(search.value); } });
  draw('');
}

// ---------- create / edit form ----------
const TYPES = [['simple', 'Single HTTP endpoint(s)'], ['jmeter', 'JMeter'], ['k6', 'k6'], ['locust', 'Locust']];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

function regionRow(r = {}, i = 0, regions = []) {
  const opts = [...new Set([...(regions.length ? regions : ['us-east-1']), ...(r.region ? [r.region] : [])])];
  return `<div class="rrow">
    <div><select data-k="region" data-path="testTaskConfigs[${i}].region">${opts.map((o) => `<option ${o === r.region ? 'selected' : ''}>${esc(o)}</option>`).join('')}</select></div>
    <div><input type="number" min="1" data-k="taskCount" data-path="testTaskConfigs[${i}].taskCount" value="${esc(r.taskCount ?? 1)}" aria-label="task count"></div>
    <div><input type="number" min="1" data-k="concurrency" data-path="testTaskConfigs[${i}].concurrency" value="${esc(r.concurrency ?? 10)}" aria-label="concurrency"></div>
    <div><button type="button" class="btn small danger" data-remove>✕</button></div></div>`;
}
function stageRow(s = {}, i = 0) {
  return `<div class="srow">
    <div><input data-k="duration" data-path="testScenario.execution[0].stages[${i}].duration" value="${esc(s.duration ?? '30s')}" aria-label="stage duration"></div>
    <div><input type="number" min="0" step="any" data-k="target" data-path="testScenario.execution[0].stages[${i}].target" value="${esc(s.target ?? 10)}" aria-label="stage target rate"></div>
    <div><button type="button" class="btn small danger" data-remove>✕</button></div></div>`;
}
function requestBlock(q = {}, i = 0) {
  const headers = q.headers && Object.keys(q.headers).length ? JSON.stringify(q.headers, null, 2) : '';
  const body = q.body == null ? '' : typeof q.body === 'string' ? q.body : JSON.stringify(q.body);
  const p = `testScenario.scenarios.*.requests[${i}]`;
  return `<div class="req">
    <div class="head">
      <div><label>Method</label><select data-k="method" data-path="${p}.method">${METHODS.map((m) => `<option ${m === (q.method || 'GET') ? 'selected' : ''}>${m}</option>`).join('')}</select></div>
      <div><label>URL</label><input data-k="url" data-path="${p}.url" value="${esc(q.url || '')}" placeholder="https://example.com/path"></div>
      <div><label>Label</label><input data-k="label" data-path="${p}.label" value="${esc(q.label || '')}" placeholder="optional"></div>
      <div><label>&nbsp;</label><button type="button" class="btn small danger" data-remove>Remove</button></div>
    </div>
    <div class="grid2">
      <div><label>Headers (JSON object)</label><textarea data-k="headers" data-path="${p}.headers" placeholder='{"Content-Type": "application/json"}'>${esc(headers)}</textarea></div>
      <div><label>Body</label><textarea data-k="body" data-path="${p}.body">${esc(body)}</textarea></div>
    </div>
    <div class="grid2">
      <div><label>Check: expected status codes (comma separated)</label><input data-k="checkStatus" data-path="${p}.checks.status" value="${esc((q.checks?.status || []).join(', '))}" placeholder="200, 201"></div>
      <div><label>Check: body contains</label><input data-k="checkBody" data-path="${p}.checks.bodyContains" value="${esc(q.checks?.bodyContains || '')}"></div>
    </div></div>`;
}

function thresholdsToText(t) {
  if (!t) return '';
  return Object.entries(t).flatMap(([metric, list]) => (list || []).map((e) => `${metric}: ${e}`)).join('\n');
}

async function formPage(testId) {
  main.innerHTML = '<p class="muted">Loading…</p>';
  const [scenario, regionsResp] = await Promise.all([
    testId ? api('GET', `/scenarios/${enc(testId)}?history=false&latest=false`) : null,
    api('GET', '/regions').catch(() => ({ regions: [] })),
  ]);
  const regions = (regionsResp?.regions || []).map((r) => r.region).filter(Boolean);
  const s = scenario || { testTaskConfigs: [{ region: regions[0] || 'us-east-1', taskCount: 1, concurrency: 10 }], showLive: true, tags: [] };
  const ts = s.testScenario || {};
  const exec = (ts.execution || [])[0] || { 'ramp-up': '10s', 'hold-for': '30s' };
  const scenarioKey = exec.scenario || Object.keys(ts.scenarios || {})[0] || null;
  const requests = ts.scenarios?.[scenarioKey]?.requests || [{ method: 'GET', url: '' }];
  const arrival = exec['arrival-rate'] != null || exec.stages != null;
  main.innerHTML = `
    <div class="row"><div><h1>${testId ? 'Edit scenario' : 'New scenario'}</h1>${testId ? `<div class="muted small">${esc(testId)}</div>` : ''}</div></div>
    <form id="form" novalidate>
      <div class="form-errors" id="form-errors"></div>
      <fieldset><legend>General</legend>
        <div class="grid2">
          <div><label for="f-name">Name</label><input id="f-name" data-path="testName" value="${esc(s.testName || '')}" required></div>
          <div><label for="f-tags">Tags (comma separated, up to 5)</label><input id="f-tags" data-path="tags" value="${esc((s.tags || []).join(', '))}"></div>
        </div>
        <label for="f-desc">Description</label><input id="f-desc" data-path="testDescription" value="${esc(s.testDescription || '')}">
        <label>Test type</label><div data-path="testType">${TYPES.map(([v, l]) => `<label class="radio"><input type="radio" name="testType" value="${v}" ${v === (s.testType || 'simple') ? 'checked' : ''}> ${l}</label>`).join('')}</div>
        <label class="radio" style="margin-top:10px"><input type="checkbox" id="f-live" data-path="showLive" ${s.showLive ? 'checked' : ''}> Show live data while running</label>
      </fieldset>
      <fieldset class="regions"><legend>Regions</legend>
        <div class="rrow muted small"><div>Region</div><div>Task count</div><div>Concurrency (users per task)</div><div></div></div>
        <div id="regions" data-path="testTaskConfigs">${(s.testTaskConfigs || []).map((r, i) => regionRow(r, i, regions)).join('')}</div>
        <button type="button" class="btn small" id="add-region">Add region</button>
      </fieldset>
      <fieldset><legend>Load model</legend>
        <label class="radio"><input type="radio" name="model" value="users" ${arrival ? '' : 'checked'}> Virtual users (ramp-up, hold-for)</label>
        <label class="radio"><input type="radio" name="model" value="rate" ${arrival ? 'checked' : ''}> Arrival rate (requests/s, stages)</label>
        <div class="grid2">
          <div><label for="f-ramp">Ramp-up</label><input id="f-ramp" data-path="testScenario.execution[0].ramp-up" value="${esc(exec['ramp-up'] ?? '10s')}" placeholder="10s"></div>
          <div><label for="f-hold">Hold for</label><input id="f-hold" data-path="testScenario.execution[0].hold-for" value="${esc(exec['hold-for'] ?? (arrival ? '' : '30s'))}" placeholder="30s, 5m"></div>
        </div>
        <div id="rate-model" ${arrival ? '' : 'hidden'}>
          <label for="f-rate">Arrival rate (requests per second, per task)</label><input id="f-rate" type="number" min="0" step="any" data-path="testScenario.execution[0].arrival-rate" value="${esc(exec['arrival-rate'] ?? '')}">
          <label>Stages (duration, target rate)</label><div class="stages" id="stages" data-path="testScenario.execution[0].stages">${(exec.stages || []).map(stageRow).join('')}</div>
          <button type="button" class="btn small" id="add-stage">Add stage</button>
        </div>
        <label for="f-think">Think time (optional)</label><input id="f-think" data-path="testScenario.execution[0].think-time" value="${esc(exec['think-time'] ?? '')}" placeholder="e.g. 500ms" style="max-width:200px">
      </fieldset>
      ${scriptSection(s)}
      <fieldset id="requests-section"><legend>Requests</legend>
        <div id="requests" data-path="testScenario.scenarios.*.requests">${requests.map(requestBlock).join('')}</div>
        <button type="button" class="btn small" id="add-request">Add request</button>
      </fieldset>
      <fieldset><legend>Thresholds</legend>
        <div class="muted small">One per line, k6 syntax: <code>response_time: p(95)&lt;300ms</code>, <code>error_rate: &lt;1%</code>, <code>rps: &gt;500</code>, <code>response_time{label:login}: p(95)&lt;200ms</code></div>
        <textarea id="f-thresholds" data-path="testScenario.thresholds" rows="3">${esc(thresholdsToText(ts.thresholds))}</textarea>
      </fieldset>
      ${scheduleFieldset(s)}
      <div class="row"><button type="submit" class="btn primary" id="run">Run</button><button type="button" class="btn" id="save">Save</button>
        <a class="btn" href="${testId ? `#/s/${enc(testId)}` : '#/'}">Cancel</a></div>
    </form>`;

  const form = $('#form');
  const renumber = () => {
    $$('#regions .rrow').forEach((row, i) => $$('[data-path]', row).forEach((el) => { el.dataset.path = el.dataset.path.replace(/^testTaskConfigs\[\d+\]/, `testTaskConfigs[${i}]`); }));
    $$('#stages .srow').forEach((row, i) => $$('[data-path]', row).forEach((el) => { el.dataset.path = el.dataset.path.replace(/stages\[\d+\]/, `stages[${i}]`); }));
    $$('#requests .req').forEach((row, i) => $$('[data-path]', row).forEach((el) => { el.dataset.path = el.dataset.path.replace(/requests\[\d+\]/, `requests[${i}]`); }));
  };
  form.addEventListener('click', (e) => { if (e.target.matches('[data-remove]')) { e.target.closest('.rrow, .srow, .req').remove(); renumber(); } });
  $('#add-region').onclick = () => { $('#regions').insertAdjacentHTML('beforeend', regionRow({}, $$('#regions .rrow').length, regions)); };
  $('#add-stage').onclick = () => { $('#stages').insertAdjacentHTML('beforeend', stageRow({}, $$('#stages .srow').length)); };
  $('#add-request').onclick = () => { $('#requests').insertAdjacentHTML('beforeend', requestBlock({}, $$('#requests .req').length)); };
  $$('input[name=model]').forEach((r) => r.addEventListener('change', () => { $('#rate-model').hidden = $('input[name=model]:checked').value !== 'rate'; }));
  wireSchedule(form);
  wireScriptSection(form);

  const submit = async (saveOnly) => {
    clearErrors(form);
    let body;
    try { body = readForm(testId, scenarioKey); } catch (e) { showFieldErrors(form, e.body || { message: e.message }); return; }
    if (saveOnly) body.saveOnly = true;
    let script;
    try { script = applyScript(body, s, scenarioKey); } catch (e) { showFieldErrors(form, e.body || { message: e.message }); return; }
    $$('button', form).forEach((b) => { b.disabled = true; });
    try {
      if (script) await uploadScript(script);
      const res = await api('POST', '/scenarios', body);
      flash(res.status === 'scheduled' ? 'Test scheduled' : saveOnly ? 'Scenario saved' : 'Test started');
      location.hash = `#/s/${enc(res.testId)}`;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      showFieldErrors(form, e.body);
    } finally { $$('button', form).forEach((b) => { b.disabled = false; }); }
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(false); });
  $('#save').onclick = () => submit(true);
}

function readForm(testId, scenarioKey) {
  const val = (sel) => $(sel).value.trim();
  const name = val('#f-name');
  const key = scenarioKey || name || 'scenario';
  const localError = (field, message) => { const e = new Error(message); e.body = { message, field, violations: [{ field, message }] }; throw e; };
  const tasks = $$('#regions .rrow').map((row) => ({
    region: $('[data-k=region]', row).value,
    taskCount: Number($('[data-k=taskCount]', row).value),
    concurrency: Number($('[data-k=concurrency]', row).value),
  }));
  const execution = { scenario: key };
  const ramp = val('#f-ramp'); const hold = val('#f-hold'); const think = val('#f-think');
  if (ramp) execution['ramp-up'] = ramp;
  if (hold) execution['hold-for'] = hold;
  if (think) execution['think-time'] = think;
  if ($('input[name=model]:checked').value === 'rate') {
    const rate = val('#f-rate');
    if (rate !== '') execution['arrival-rate'] = Number(rate);
    const stages = $$('#stages .srow').map((row) => ({ duration: $('[data-k=duration]', row).value.trim(), target: Number($('[data-k=target]', row).value) }));
    if (stages.length) execution.stages = stages;
  }
  const requests = $$('#requests .req').map((row, i) => {
    const get = (k) => $(`[data-k=${k}]`, row).value.trim();
    const req = { url: get('url'), method: get('method') };
    const headers = get('headers');
    if (headers) {
      try { req.headers = JSON.parse(headers); } catch { localError(`testScenario.scenarios.${key}.requests[${i}].headers`, 'must be a JSON object, e.g. {"Accept": "application/json"}'); }
    }
    const rawBody = $('[data-k=body]', row).value;
    if (rawBody.trim()) req.body = rawBody;
    if (get('label')) req.label = get('label');
    const status = get('checkStatus'); const contains = $('[data-k=checkBody]', row).value;
    if (status || contains) {
      req.checks = {};
      if (status) req.checks.status = status.split(/[\s,]+/).filter(Boolean).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
      if (contains) req.checks.bodyContains = contains;
    }
    return req;
  });
  const testScenario = { execution: [execution], scenarios: { [key]: { requests } } };
  const lines = $('#f-thresholds').value.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length) {
    const thresholds = {};
    for (const line of lines) {
      const m = line.match(/^([A-Za-z_]+(?:\{[^}]*\})?)\s*:\s*(.+)$/);
      if (!m) localError('testScenario.thresholds', `"${line}" is not "metric: expression", e.g. "response_time: p(95)<300ms"`);
      (thresholds[m[1]] ||= []).push(...m[2].split(/\s*,\s*/).filter(Boolean));
    }
    testScenario.thresholds = thresholds;
  }
  const body = {
    testName: name, testDescription: val('#f-desc'), testType: 'simple', fileType: 'none',
    testTaskConfigs: tasks, testScenario, showLive: $('#f-live').checked,
    tags: val('#f-tags').split(',').map((t) => t.trim()).filter(Boolean),
  };
  if (testId) body.testId = testId;
  return Object.assign(body, readSchedule());
}

// ---------- schedule: when the test runs ----------
const SCHEDULE_FIELDS = ['scheduleDate', 'scheduleTime', 'recurrence', 'cronValue', 'cronExpiryDate', 'scheduleTimezone'];
const RECURRENCES = [['daily', 'day'], ['weekly', 'week'], ['biweekly', 'two weeks'], ['monthly', 'month']];
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function scheduleMode(s) {
  if (s.cronValue) return 'cron';
  if (s.recurrence) return 'repeat';
  // a one-time schedule that has run is over: editing it runs when saved unless a new time is set
  if (s.scheduleDate && s.nextRun) return 'once';
  return 'now';
}

function scheduleFieldset(s) {
  const mode = scheduleMode(s);
  const zone = s.scheduleTimezone || browserZone();
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const modes = [['now', 'When saved'], ['once', 'Once, later'], ['repeat', 'Repeatedly'], ['cron', 'On a cron schedule']];
  return `<fieldset id="schedule"><legend>When to run</legend>
    <div data-path="schedule">${modes.map(([v, l]) => `<label class="radio"><input type="radio" name="when" value="${v}" ${v === mode ? 'checked' : ''}> ${l}</label>`).join('')}</div>
    <div id="when-fields" ${mode === 'now' ? 'hidden' : ''}>
      <div class="grid4">
        <div data-when="once repeat"><label for="f-date">${mode === 'repeat' ? 'First run on' : 'Date'}</label><input id="f-date" type="date" data-path="scheduleDate" value="${esc(s.scheduleDate || '')}"></div>
        <div data-when="once repeat"><label for="f-time">Time</label><input id="f-time" type="time" data-path="scheduleTime" value="${esc((s.scheduleTime || '').slice(0, 5))}"></div>
        <div data-when="repeat"><label for="f-recurrence">Every</label><select id="f-recurrence" data-path="recurrence">${RECURRENCES.map(([v, l]) => `<option value="${v}" ${v === s.recurrence ? 'selected' : ''}>${l}</option>`).join('')}</select></div>
        <div data-when="cron"><label for="f-cron">Cron: minute hour day-of-month month day-of-week</label><input id="f-cron" data-path="cronValue" value="${esc(s.cronValue || '')}" placeholder="0 2 * * 1-5"></div>
        <div data-when="repeat cron"><label for="f-expiry">Until (optional)</label><input id="f-expiry" type="date" data-path="cronExpiryDate" value="${esc(s.cronExpiryDate || '')}"></div>
        <div><label for="f-zone">Time zone</label><input id="f-zone" list="zones" data-path="scheduleTimezone" value="${esc(zone)}"></div>
      </div>
      <datalist id="zones">${zones.map((z) => `<option value="${esc(z)}">`).join('')}</datalist>
      <div class="muted small">Times are wall-clock times in the time zone, kept across daylight-saving changes; a time the clocks skip is skipped. With both a day of the month and a day of the week, cron runs on either.</div>
      <div id="schedule-preview" class="preview" aria-live="polite"></div>
    </div></fieldset>`;
}

function readSchedule() {
  const mode = $('input[name=when]:checked')?.value || 'now';
  if (mode === 'now') return {};
  const fields = { scheduleTimezone: $('#f-zone').value.trim() || 'UTC' };
  if (mode === 'once' || mode === 'repeat') {
    fields.scheduleDate = $('#f-date').value;
    fields.scheduleTime = $('#f-time').value.slice(0, 5);
  }
  if (mode === 'repeat') fields.recurrence = $('#f-recurrence').value;
  if (mode === 'cron') fields.cronValue = $('#f-cron').value.trim();
  if ((mode === 'repeat' || mode === 'cron') && $('#f-expiry').value) fields.cronExpiryDate = $('#f-expiry').value;
  return fields;
}

// "1m30s" style durations (the scenario's ramp-up + hold-for) as text the API reads back
function testDuration() {
  const units = { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000 };
  const millis = (text) => { const m = String(text || '').trim().match(/^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/); return m ? Number(m[1]) * units[m[2]] : 0; };
  const total = millis($('#f-ramp')?.value) + millis($('#f-hold')?.value);
  return `${Math.ceil(total / 1000)}s`;
}

function wireSchedule(form) {
  const show = () => {
    const mode = $('input[name=when]:checked').value;
    $('#when-fields').hidden = mode === 'now';
    $$('[data-when]', form).forEach((el) => { el.hidden = !el.dataset.when.split(' ').includes(mode); });
    $('#run').textContent = mode === 'now' ? 'Run' : 'Schedule';
    $('#save').hidden = mode !== 'now';
    preview();
  };
  let timer = null;
  let asked = 0;
  const preview = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const box = $('#schedule-preview');
      if (!box) return; // the form is gone
      const fields = readSchedule();
      if (!Object.keys(fields).length) { box.innerHTML = ''; return; }
      const mine = ++asked;
      try {
        const next = await api('POST', '/schedule-preview', { ...fields, testDuration: testDuration() });
        if (mine !== asked || !box.isConnected) return;
        box.classList.remove('form-errors');
        box.innerHTML = next.nextRuns.length
          ? `<label>Next runs (${esc(next.timezone)})</label><ol id="next-runs">${next.nextRuns.map((r) => `<li>${esc(r.replace('T', ' '))}</li>`).join('')}</ol>`
          : '<span class="muted">No runs ahead.</span>';
      } catch (e) {
        if (mine !== asked || !box.isConnected) return;
        box.classList.add('form-errors');
        const v = e.body?.violations?.[0];
        box.textContent = v ? `${v.field}: ${v.message}` : e.message;
      }
    }, 300);
  };
  $$('input[name=when]', form).forEach((r) => r.addEventListener('change', show));
  ['#f-date', '#f-time', '#f-recurrence', '#f-cron', '#f-expiry', '#f-zone', '#f-ramp', '#f-hold'].forEach((sel) => {
    const el = $(sel, form);
    if (el) { el.addEventListener('input', preview); el.addEventListener('change', preview); }
  });
  show();
}

function scheduleCard(s) {
  const sc = s.schedule;
  if (!sc) return '';
  const what = sc.type === 'once' ? `once at ${esc(sc.at.replace('T', ' '))}`
    : sc.type === 'recurrence' ? `every ${esc((RECURRENCES.find(([v]) => v === sc.recurrence) || [0, sc.recurrence])[1])} from ${esc(sc.firstRun.replace('T', ' '))}`
    : `cron <code>${esc(sc.cronValue)}</code>`;
  return `<div class="card" id="schedule-card"><h2>Schedule</h2>
    <p>Runs ${what} in ${esc(sc.timezone)}${sc.expiryDate ? `, until ${esc(sc.expiryDate)}` : ''}.</p>
    ${sc.nextRuns.length ? `<label>Next runs</label><ol id="next-runs">${sc.nextRuns.map((r) => `<li>${esc(r.replace('T', ' '))}</li>`).join('')}</ol>` : '<p class="muted">No runs ahead.</p>'}</div>`;
}

// ---------- script tests (JMeter, k6, Locust): a file input in the form, uploaded before the POST ----------
const SCRIPT_ACCEPT = { jmeter: '.jmx,.zip', k6: '.js,.ts,.zip', locust: '.py,.zip' };

function scriptSection(s) {
  const current = Object.values(s.testScenario?.scenarios || {}).find((d) => d.script)?.script;
  return `<fieldset id="script-section" hidden><legend>Script</legend>
        <label for="f-script">Script file: a JMeter plan (.jmx), a k6 script (.js, .ts), a locustfile (.py), or a .zip of one with its data files (JMeter: plugins/*.jar too)</label>
        <input type="file" id="f-script" data-path="testScenario.scenarios.*.script">
        ${current ? `<div class="muted small">Uploaded: ${esc(current)}; choose a file only to replace it.</div>` : ''}
        <div class="muted small" id="script-note"></div>
      </fieldset>`;
}

function wireScriptSection(form) {
  const sync = () => {
    const type = $('input[name=testType]:checked', form).value;
    const script = type !== 'simple';
    $('#script-section', form).hidden = !script;
    $('#requests-section', form).hidden = script;
    $('#f-think', form).disabled = script;
    $$('input[name=model]', form).forEach((r) => { if (r.value === 'rate') r.disabled = script; });
    if (script && $('input[name=model]:checked', form).value === 'rate') { $('input[name=model][value=users]', form).checked = true; $('#rate-model', form).hidden = true; }
    if (script) $('#f-script', form).accept = SCRIPT_ACCEPT[type];
    $('#script-note', form).textContent = type === 'jmeter'
      ? 'Concurrency, ramp-up and hold-for replace the settings of the plan\'s thread groups: each gets a share of the users (in proportion to its own thread count), the ramp-up, and runs for ramp-up + hold-for. setUp and tearDown thread groups run as written.'
      : script ? 'Concurrency is the users per task, started over the ramp-up, then held for hold-for.' : '';
  };
  $$('input[name=testType]', form).forEach((r) => r.addEventListener('change', sync));
  sync();
}

const SCRIPT_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Turns a form body into a script scenario; returns what to upload first, or null (simple tests, or keeping the uploaded file). */
function applyScript(body, stored, scenarioKey) {
  const type = $('input[name=testType]:checked').value;
  if (type === 'simple') return null;
  const key = body.testScenario.execution[0].scenario;
  const field = `testScenario.scenarios.${key}.script`;
  const file = $('#f-script').files[0];
  const previous = stored.testType === type ? stored.testScenario?.scenarios?.[scenarioKey]?.script : null;
  if (!file && !previous) { const e = new Error('choose the script to upload'); e.body = { message: e.message, field, violations: [{ field, message: e.message }] }; throw e; }
  // the client picks the test id, so the file can be uploaded before the scenario exists (as DLT's console does)
  if (!body.testId) body.testId = Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => SCRIPT_ID_ALPHABET[b % SCRIPT_ID_ALPHABET.length]).join('');
  const ext = file ? file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase() : previous.slice(previous.lastIndexOf('.') + 1);
  body.testType = type;
  body.fileType = ext === 'zip' ? 'zip' : 'script';
  body.testScenario.scenarios = { [key]: { script: `${body.testId}.${ext}` } };
  delete body.testScenario.execution[0]['think-time'];
  return file ? { testId: body.testId, type, file, field } : null;
}

async function uploadScript({ testId, type, file, field }) {
  const presigned = await api('POST', `/scenarios/${enc(testId)}/upload-url`, { fileName: file.name, testType: type });
  const contentType = file.name.toLowerCase().endsWith('.zip') ? 'application/zip' : 'application/octet-stream';
  let res;
  try {
    res = await fetch(presigned.url, { method: 'PUT', headers: { 'Content-Type': contentType }, body: file });
  } catch (e) {
    throw new ApiError(0, { message: `uploading ${file.name} failed: ${e.message}`, field, violations: [{ field, message: 'upload failed' }] });
  }
  if (!res.ok) throw new ApiError(res.status, { message: `uploading ${file.name} failed: HTTP ${res.status}`, field, violations: [{ field, message: `upload failed: HTTP ${res.status}` }] });
}

function clearErrors(form) {
  $$('.field-error', form).forEach((e) => e.remove());
  $$('.invalid', form).forEach((e) => e.classList.remove('invalid'));
  $('#form-errors', form).textContent = '';
}

// API paths (testTaskConfigs[0].taskCount, testScenario.scenarios.<name>.requests[0].url, ...) to inputs.
function normalizePath(p) {
  return String(p || '')
    .replace(/^testScenario\.scenarios(?:\.[^.[\]]+|\[[^\]]*\])/, 'testScenario.scenarios.*')
    .replace(/\["([^"]+)"\]/g, '.$1');
}
function findField(form, path) {
  let p = normalizePath(path);
  while (p) {
    const el = $$('[data-path]', form).find((e) => e.dataset.path === p);
    if (el) return el;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return null;
}
function showFieldErrors(form, body) {
  const violations = body.violations?.length ? body.violations : [{ field: body.field, message: body.message }];
  const general = [];
  for (const v of violations) {
    const el = v.field ? findField(form, v.field) : null;
    if (!el) { general.push(`${v.field ? `${v.field}: ` : ''}${v.message}`); continue; }
    el.classList.add('invalid');
    const note = document.createElement('div');
    note.className = 'field-error'; note.dataset.field = v.field;
    note.textContent = v.message;
    el.insertAdjacentElement('afterend', note);
  }
  const top = $('#form-errors', form);
  top.textContent = general.length ? general.join('; ') : (body.message || 'Please fix the fields marked in red.');
  (form.querySelector('.invalid') || top).scrollIntoView({ block: 'center' });
}

// ---------- details ----------
function settingsTable(s) {
  const ts = s.testScenario || {};
  const exec = (ts.execution || [])[0] || {};
  const reqs = Object.values(ts.scenarios || {})[0]?.requests || [];
  const load = exec['arrival-rate'] != null || exec.stages
    ? `arrival rate ${fmt(exec['arrival-rate'])}/s${exec.stages ? `, stages ${exec.stages.map((x) => `${x.duration}→${x.target}/s`).join(', ')}` : ''}${exec['hold-for'] ? `, hold ${exec['hold-for']}` : ''}`
    : `ramp-up ${esc(exec['ramp-up'] || '0s')}, hold for ${esc(exec['hold-for'] || '–')}`;
  return `<table><tbody>
    <tr><th>Type</th><td>${esc(s.testType)}</td></tr>
    <tr><th>Regions</th><td>${(s.testTaskConfigs || []).map((r) => `${esc(r.region)}: ${fmt(r.taskCount)} task(s) × ${fmt(r.concurrency)} users`).join('<br>')}</td></tr>
    <tr><th>Load</th><td>${load}</td></tr>
    <tr><th>Requests</th><td>${reqs.map((r) => `<code>${esc(r.method || 'GET')} ${esc(r.url)}</code>${r.label ? ` <span class="muted">(${esc(r.label)})</span>` : ''}`).join('<br>') || '<span class="muted">script</span>'}</td></tr>
    <tr><th>Thresholds</th><td>${esc(thresholdsToText(ts.thresholds)).replace(/\n/g, '<br>') || '<span class="muted">none</span>'}</td></tr>
    <tr><th>Live data</th><td>${s.showLive ? 'on' : 'off'}</td></tr>
    <tr><th>Tags</th><td>${(s.tags || []).map((t) => `<span class="tag">${esc(t)}</span>`).join('') || '–'}</td></tr>
  </tbody></table>`;
}

// The scenario to post again to run it now; a schedule still ahead is kept (and runNow asked), one that is over is left out.
function stored(s) {
  const keep = ['testId', 'testName', 'testDescription', 'testType', 'fileType', 'testTaskConfigs', 'testScenario', 'showLive', 'tags',
    ...(s.nextRun ? SCHEDULE_FIELDS : [])];
  const body = Object.fromEntries(keep.filter((k) => s[k] !== undefined && s[k] !== null).map((k) => [k, s[k]]));
  if (s.nextRun) body.runNow = true;
  return body;
}

function tasksTable(tpr) {
  if (!tpr || !tpr.length) return '<p class="muted">No tasks reported yet.</p>';
  return `<table id="tasks"><thead><tr><th>Region</th><th class="num">Desired</th><th class="num">Running</th><th class="num">Pending</th><th>Tasks</th></tr></thead><tbody>
    ${tpr.map((r) => `<tr><td>${esc(r.region)}</td><td class="num">${fmt(r.desired)}</td><td class="num">${fmt(r.running)}</td><td class="num">${fmt(r.pending)}</td>
      <td class="small">${(r.tasks || []).map((t) => `${esc(t.taskId)} <span class="muted">${esc(t.status)}</span>`).join('<br>')}</td></tr>`).join('')}</tbody></table>`;
}

async function detailsPage(testId) {
  const s = await api('GET', `/scenarios/${enc(testId)}`);
  const active = ACTIVE.has(s.status);
  const history = s.history || [];
  main.innerHTML = `
    <div class="row"><div><h1>${esc(s.testName)}</h1><div class="muted">${esc(s.testDescription || '')}</div></div><span class="spacer"></span>
      <span id="status">${badge(s.status)}</span>
      ${active ? '<button class="btn danger" id="cancel">Cancel</button>' : `<button class="btn primary" id="start">${s.testRunId ? 'Run again' : 'Run now'}</button>`}
      <a class="btn" href="#/s/${enc(testId)}/edit">Edit</a>
      ${active ? '' : '<button class="btn danger" id="delete">Delete</button>'}</div>
    ${s.errorReason ? `<div class="card form-errors">${esc(s.errorReason)}</div>` : ''}
    ${scheduleCard(s)}
    ${active ? `<div class="card" id="live"><div class="row"><h2>Live</h2><span class="spacer"></span><span class="live-state" id="live-state">connecting…</span>
        <span class="live-state">· <span id="live-points" data-points="0">0</span> points</span></div>
      <div id="tasks-box">${tasksTable(s.tasksPerRegion)}</div>
      <div class="charts"><div class="chart" id="c-users"></div><div class="chart" id="c-rps"></div><div class="chart" id="c-rt"></div><div class="chart" id="c-fail"></div></div></div>` : ''}
    ${!active && s.testRunId && s.summary ? `<div class="card"><div class="row"><h2>Latest run</h2><span class="spacer"></span><a class="btn small" href="#/s/${enc(testId)}/runs/${enc(s.testRunId)}" id="latest-results">Full results</a></div>${summaryStats(s.summary)}</div>` : ''}
    <div class="grid2"><div class="card"><h2>Settings</h2>${settingsTable(s)}</div>
      <div class="card"><h2>Runs</h2>${historyTable(testId, history, s.baselineId)}</div></div>`;

  const startBtn = $('#start');
  if (startBtn) startBtn.onclick = async () => { startBtn.disabled = true; try { await api('POST', '/scenarios', stored(s)); flash('Test started'); route(); } catch (e) { flash(e.message, true); startBtn.disabled = false; } };
  const del = $('#delete');
  if (del) del.onclick = async () => { if (!confirm(`Delete "${s.testName}" and all its runs?`)) return; await api('DELETE', `/scenarios/${enc(testId)}`); flash('Deleted'); location.hash = '#/'; };
  const cancel = $('#cancel');
  if (cancel) cancel.onclick = async () => { cancel.disabled = true; try { await api('POST', `/scenarios/${enc(testId)}`); flash('Cancelling…'); } catch (e) { flash(e.message, true); cancel.disabled = false; } };
  wireHistory(testId);
  if (!active) return;

  const live = liveCharts();
  connectLive(testId, live);
  let stop = false;
  const timer = setInterval(async () => {
    if (stop) return;
    try {
      const now = await api('GET', `/scenarios/${enc(testId)}?history=false`);
      $('#status').innerHTML = badge(now.status);
      if (now.tasksPerRegion) $('#tasks-box').innerHTML = tasksTable(now.tasksPerRegion);
      if (!ACTIVE.has(now.status)) { stop = true; clearInterval(timer); flash(`Test ${now.status}`); setTimeout(route, 300); }
    } catch { /* transient; next poll */ }
  }, 2000);
  cleanups.push(() => { stop = true; clearInterval(timer); });
}

// Live data: {region: [{vu, succ, fail, avgRt (s), timestamp (ms), rps, p95Ms, p99Ms}]}; points sharing
// (region, timestamp) are parts of one second and are summed.
function liveCharts() {
  const byRegion = new Map();
  const empty = () => [[], []];
  const charts = {
    users: chart($('#c-users'), 'Virtual users', ['users'], empty(), { points: true }),
    rps: chart($('#c-rps'), 'Requests/s', ['requests/s'], empty(), { points: true }),
    rt: chart($('#c-rt'), 'Response time (ms)', ['avg', 'p95'], [[], [], []], { points: true }),
    fail: chart($('#c-fail'), 'Failures/s', ['failures'], empty(), { points: true }),
  };
  let count = 0;
  const add = (region, p) => {
    const ts = Number(p.timestamp);
    if (!Number.isFinite(ts)) return;
    if (!byRegion.has(region)) byRegion.set(region, new Map());
    const m = byRegion.get(region);
    const q = m.get(ts) || { vu: 0, succ: 0, fail: 0, rtSum: 0, rps: 0, p95: 0, p99: 0, rpsSeen: false };
    const n = (+p.succ || 0) + (+p.fail || 0);
    q.vu += +p.vu || 0; q.succ += +p.succ || 0; q.fail += +p.fail || 0; q.rtSum += (+p.avgRt || 0) * 1000 * n;
    if (p.rps != null) { q.rps += +p.rps; q.rpsSeen = true; }
    q.p95 = Math.max(q.p95, +p.p95Ms || 0); q.p99 = Math.max(q.p99, +p.p99Ms || 0);
    m.set(ts, q);
  };
  const redraw = () => {
    const total = new Map();
    for (const m of byRegion.values()) {
      for (const [ts, q] of m) {
        const t = total.get(ts) || { vu: 0, succ: 0, fail: 0, rtSum: 0, rps: 0, p95: 0 };
        t.vu += q.vu; t.succ += q.succ; t.fail += q.fail; t.rtSum += q.rtSum;
        t.rps += q.rpsSeen ? q.rps : q.succ + q.fail; t.p95 = Math.max(t.p95, q.p95);
        total.set(ts, t);
      }
    }
    const keys = [...total.keys()].sort((a, b) => a - b);
    const xs = keys.map((k) => k / 1000);
    const get = (f) => keys.map((k) => f(total.get(k)));
    charts.users.setData([xs, get((t) => t.vu)]);
    charts.rps.setData([xs, get((t) => t.rps)]);
    charts.rt.setData([xs, get((t) => (t.succ + t.fail ? t.rtSum / (t.succ + t.fail) : null)), get((t) => t.p95 || null)]);
    charts.fail.setData([xs, get((t) => t.fail)]);
    const el = $('#live-points'); if (el) { el.textContent = String(count); el.dataset.points = String(count); }
  };
  return {
    message(obj) {
      for (const [region, points] of Object.entries(obj || {})) {
        for (const p of Array.isArray(points) ? points : [points]) { add(region, p); count++; }
      }
      redraw();
    },
  };
}

// Where the live feed is: on AWS a freshly signed IoT Core URL per connection (aws-live.js), else mqttWs.
// One source per tab, so the access grant and the credentials serve every running test's page.
let brokerUrlSource = null;
async function brokerUrls() {
  if (config.auth === 'cognito') {
    if (!config.iotEndpoint) return null;
    if (!brokerUrlSource) {
      const { signedBrokerUrls } = await import('./aws-live.js');
      brokerUrlSource = signedBrokerUrls(config, { grantAccess: () => api('POST', '/live-access'), idToken: () => cognito.idToken() });
    }
    return brokerUrlSource;
  }
  return config.mqttWs ? async () => config.mqttWs : null;
}

// One MQTT client at a time; after a drop, a new one on a new URL (a signed URL is good for one
// connection and its credentials expire), waiting 2 s, 4 s, ... up to 30 s between attempts.
function connectLive(testId, live) {
  const state = (t) => { const el = $('#live-state'); if (el) el.textContent = t; };
  let stopped = false;
  let client = null;
  let timer = null;
  let failures = 0;
  const retry = () => {
    if (stopped) return;
    const delay = Math.min(30_000, 2000 * 2 ** failures++);
    timer = setTimeout(connect, delay);
  };
  let nextUrl = null;
  async function connect() {
    let url;
    try { url = await nextUrl(); } catch (e) { state(`live feed unavailable: ${e.message}`); retry(); return; }
    if (stopped) return;
    const c = window.mqtt.connect(url, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000, clientId: `dlt-console-${Math.random().toString(16).slice(2, 10)}` });
    client = c;
    c.on('connect', () => { failures = 0; state('live'); c.subscribe(`dlt/${testId}`, { qos: 0 }); });
    c.on('error', (e) => state(`live feed error: ${e.message}`));
    c.on('message', (_topic, payload) => { try { live.message(JSON.parse(new TextDecoder().decode(payload))); } catch { /* not ours */ } });
    c.on('close', () => {
      if (stopped || client !== c) return;
      client = null;
      c.end(true);
      state('reconnecting…');
      retry();
    });
  }
  cleanups.push(() => { stopped = true; clearTimeout(timer); if (client) client.end(true); });
  const start = async () => {
    if (!window.mqtt) { state('live library missing'); return; }
    try { nextUrl = await brokerUrls(); } catch (e) { state(`live feed unavailable: ${e.message}`); return; }
    if (!nextUrl) { state('no live feed configured'); return; }
    if (!stopped) connect();
  };
  if (window.mqtt) start(); else window.addEventListener('load', start, { once: true });
}

function historyTable(testId, history, baselineId) {
  if (!history.length) return '<p class="muted">No runs yet.</p>';
  const sorted = [...history].sort((a, b) => String(b.startTime || '').localeCompare(String(a.startTime || '')));
  return `<table id="history"><thead><tr><th>Started</th><th>Status</th><th class="num">Tasks</th><th class="num">Success</th><th></th></tr></thead><tbody>
    ${sorted.map((r) => {
      const tasks = (r.testTaskConfigs || []).reduce((n, c) => n + (+c.taskCount || 0), 0);
      const isBase = r.testRunId === baselineId;
      const done = TERMINAL.has(r.status);
      return `<tr data-run-id="${esc(r.testRunId)}"><td><a href="#/s/${enc(testId)}/runs/${enc(r.testRunId)}">${when(r.startTime)}</a>${r.partial ? ' <span class="badge failed">partial</span>' : ''}</td>
        <td>${badge(r.status)}${isBase ? ' <span class="badge pass">baseline</span>' : ''}</td><td class="num">${fmt(tasks)}</td>
        <td class="num">${r.succPercent == null ? '–' : `${fmt(r.succPercent, 2)}%`}</td>
        <td>${done && !isBase && r.status === 'complete' ? `<button class="btn small" data-baseline="${esc(r.testRunId)}">Mark baseline</button>` : ''}
          ${done && baselineId && !isBase ? `<a class="btn small" href="#/s/${enc(testId)}/runs/${enc(r.testRunId)}/compare">Compare</a>` : ''}</td></tr>`;
    }).join('')}</tbody></table>`;
}
function wireHistory(testId) {
  $$('[data-baseline]').forEach((b) => b.addEventListener('click', async () => {
    b.disabled = true;
    try { await api('PUT', `/scenarios/${enc(testId)}/baseline`, { testRunId: b.dataset.baseline }); flash('Baseline set'); route(); } catch (e) { flash(e.message, true); b.disabled = false; }
  }));
}

// ---------- results ----------
function summaryStats(sum) {
  const rt = sum.responseTimeMs || {};
  const err = sum.requests ? (100 * (sum.failures || 0)) / sum.requests : null;
  const th = sum.thresholds;
  return `<div class="grid4" id="summary">
    <div class="stat"><div class="v">${fmt(sum.requests)}</div><div class="k">requests</div></div>
    <div class="stat"><div class="v">${fmt(sum.rps, 1)}</div><div class="k">requests/s</div></div>
    <div class="stat"><div class="v">${ms(rt.avg)}</div><div class="k">avg response time</div></div>
    <div class="stat"><div class="v">${ms(rt.p95)}</div><div class="k">p95 (p99 ${ms(rt.p99)})</div></div>
    <div class="stat"><div class="v">${fmt(sum.successes)}</div><div class="k">successes</div></div>
    <div class="stat"><div class="v">${fmt(sum.failures)}</div><div class="k">failures (${err == null ? '–' : `${fmt(err, 2)}%`})</div></div>
    <div class="stat"><div class="v">${fmt(sum.durationSeconds, 1)} s</div><div class="k">measured duration</div></div>
    <div class="stat"><div class="v">${th ? (th.passed ? '<span class="badge pass">passed</span>' : '<span class="badge fail">failed</span>') : '–'}</div><div class="k">thresholds</div></div>
  </div>`;
}

function countsTable(id, title, counts, total) {
  const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
  return `<div class="card"><h2>${title}</h2>${entries.length ? `<table id="${id}"><tbody>${entries.map(([k, v]) => `<tr><td>${esc(k)}</td><td class="num">${fmt(v)}</td><td class="num muted">${total ? `${fmt((100 * v) / total, 2)}%` : ''}</td></tr>`).join('')}</tbody></table>` : '<p class="muted">none</p>'}</div>`;
}

async function runPage(testId, runId) {
  const run = await api('GET', `/scenarios/${enc(testId)}/testruns/${enc(runId)}`);
  const sum = run.summary || {};
  const rt = sum.responseTimeMs || {};
  const labels = Object.entries(sum.labels || {});
  const th = sum.thresholds;
  const timeline = run.timeline?.total || run.summary?.timeline?.total || null;
  main.innerHTML = `
    <div class="row"><div><div class="small"><a href="#/s/${enc(testId)}">← scenario</a></div><h1>Run ${esc(runId)}</h1>
      <div class="muted">${when(run.startTime)} – ${when(run.endTime)}</div></div><span class="spacer"></span>${badge(run.status)}
      ${run.partial ? '<span class="badge failed">partial</span>' : ''}
      <button class="btn small" id="dl-run">Download run JSON</button><button class="btn small" id="dl-summary">Download summary JSON</button></div>
    ${run.errorReason ? `<div class="card form-errors">${esc(run.errorReason)}</div>` : ''}
    ${run.partial ? `<div class="card">Missing tasks: ${esc((run.missingTasks || []).join(', '))}</div>` : ''}
    ${run.summary ? summaryStats(sum) : '<div class="card muted">No results yet for this run.</div>'}
    ${th ? `<div class="card"><h2>Thresholds</h2><table id="thresholds"><thead><tr><th>Metric</th><th>Rule</th><th class="num">Actual</th><th>Verdict</th></tr></thead><tbody>
      ${(th.results || []).map((r) => `<tr><td>${esc(r.metric)}</td><td><code>${esc(r.expression)}</code></td><td class="num">${fmt(r.actual, 3)}</td><td>${r.passed ? '<span class="badge pass">pass</span>' : '<span class="badge fail">fail</span>'}</td></tr>`).join('')}</tbody></table></div>` : ''}
    <div class="charts">
      ${run.summary ? '<div class="card"><div class="chart" id="c-pct"></div></div>' : ''}
      ${timeline ? '<div class="card"><div class="chart" id="c-t-rps"></div></div><div class="card"><div class="chart" id="c-t-rt"></div></div><div class="card"><div class="chart" id="c-t-users"></div></div>' : ''}
    </div>
    <div class="grid2">${countsTable('status-codes', 'Status codes', sum.statusCodes, sum.requests)}${countsTable('errors', 'Error kinds', sum.errors, sum.requests)}</div>
    ${labels.length ? `<div class="card"><h2>Per label</h2><table id="labels"><thead><tr><th>Label</th><th class="num">Requests</th><th class="num">Failures</th><th class="num">rps</th><th class="num">avg</th><th class="num">p50</th><th class="num">p90</th><th class="num">p95</th><th class="num">p99</th><th class="num">max</th></tr></thead><tbody>
      ${labels.map(([l, v]) => { const r = v.responseTimeMs || {}; return `<tr><td>${esc(l)}</td><td class="num">${fmt(v.requests)}</td><td class="num">${fmt(v.failures)}</td><td class="num">${fmt(v.rps, 1)}</td><td class="num">${ms(r.avg)}</td><td class="num">${ms(r.p50)}</td><td class="num">${ms(r.p90)}</td><td class="num">${ms(r.p95)}</td><td class="num">${ms(r.p99)}</td><td class="num">${ms(r.max)}</td></tr>`; }).join('')}</tbody></table></div>` : ''}
    ${regionsTable(run.results)}`;
  $('#dl-run').onclick = () => download(`${testId}-${runId}.json`, run);
  $('#dl-summary').onclick = () => download(`${testId}-${runId}-summary.json`, run.summary);
  if (run.summary) {
    const pts = [['min', rt.min], ['p50', rt.p50], ['p90', rt.p90], ['p95', rt.p95], ['p99', rt.p99], ['p99.9', rt.p99_9], ['max', rt.max]].filter(([, v]) => v != null);
    chart($('#c-pct'), 'Response time percentiles (ms)', ['ms'], [pts.map((_, i) => i), pts.map(([, v]) => v)], {
      time: false, xLabel: 'percentile', points: true,
      axes: [{ values: (_u, splits) => splits.map((i) => (Number.isInteger(i) && pts[i] ? pts[i][0] : '')) , incrs: [1] }, { size: 60 }],
    });
  }
  if (timeline) {
    const xs = timeline.second || [];
    chart($('#c-t-rps'), 'Requests/s over time', ['rps', 'errors/s'], [xs, timeline.rps || [], timeline.errorsPerSecond || []]);
    chart($('#c-t-rt'), 'Response time over time (ms)', ['p50', 'p95', 'p99'], [xs, timeline.p50 || [], timeline.p95 || [], timeline.p99 || []]);
    chart($('#c-t-users'), 'Users over time', ['users'], [xs, timeline.users || []]);
  }
}

function regionsTable(results) {
  const regions = Object.entries(results || {}).filter(([k, v]) => k !== 'total' && v && typeof v === 'object');
  if (regions.length < 1) return '';
  return `<div class="card"><h2>Per region</h2><table id="regions-results"><thead><tr><th>Region</th><th class="num">Requests</th><th class="num">Succ</th><th class="num">Fail</th><th class="num">avg rt</th><th class="num">p95</th></tr></thead><tbody>
    ${regions.map(([k, v]) => `<tr><td>${esc(k)}</td><td class="num">${fmt(v.throughput)}</td><td class="num">${fmt(v.succ)}</td><td class="num">${fmt(v.fail)}</td><td class="num">${v.avg_rt == null ? '–' : ms(v.avg_rt * 1000)}</td><td class="num">${v.p95_0 == null ? '–' : ms(v.p95_0 * 1000)}</td></tr>`).join('')}</tbody></table></div>`;
}

async function comparePage(testId, runId) {
  const c = await api('GET', `/scenarios/${enc(testId)}/testruns/${enc(runId)}/compare`);
  const higherIsBetter = (k) => /rps|success|throughput|succ/i.test(k) && !/fail|error/i.test(k);
  const rows = Object.entries(c.deltas || {});
  main.innerHTML = `
    <div class="small"><a href="#/s/${enc(testId)}">← scenario</a></div><h1>Comparison</h1>
    <div class="muted">run <a href="#/s/${enc(testId)}/runs/${enc(c.testRunId)}">${esc(c.testRunId)}</a> against baseline <a href="#/s/${enc(testId)}/runs/${enc(c.baselineId)}">${esc(c.baselineId)}</a></div>
    <div class="grid2">
      <div class="card"><h2>This run <span class="muted small">${when(c.run?.startTime)}</span></h2>${c.run?.summary ? summaryStats(c.run.summary) : '<p class="muted">no summary</p>'}</div>
      <div class="card"><h2>Baseline <span class="muted small">${when(c.baseline?.startTime)}</span></h2>${c.baseline?.summary ? summaryStats(c.baseline.summary) : '<p class="muted">no summary</p>'}</div>
    </div>
    <div class="card"><h2>Differences</h2><table id="compare"><thead><tr><th>Metric</th><th class="num">This run</th><th class="num">Baseline</th><th class="num">Difference</th><th class="num">%</th></tr></thead><tbody>
      ${rows.map(([k, d]) => {
        const better = d.difference == null || d.difference === 0 ? '' : (d.difference > 0) === higherIsBetter(k) ? 'better' : 'worse';
        return `<tr><td>${esc(k)}</td><td class="num">${fmt(d.run, 3)}</td><td class="num">${fmt(d.baseline, 3)}</td><td class="num ${better}">${d.difference > 0 ? '+' : ''}${fmt(d.difference, 3)}</td><td class="num ${better}">${d.percent == null ? '–' : `${d.percent > 0 ? '+' : ''}${fmt(d.percent, 1)}%`}</td></tr>`;
      }).join('')}</tbody></table></div>`;
}

// ---------- start ----------
async function start() {
  takeToken();
  try {
    const res = await fetch('console-config.json', { cache: 'no-store' });
    if (res.ok) config = { ...config, ...(await res.json()) };
  } catch { /* defaults */ }
  // on AWS: Cognito's hosted login (cognito.js) before the first API call
  if (config.auth === 'cognito') {
    cognito = (await import('./cognito.js')).session(config);
    await cognito.signIn();
  }
  window.addEventListener('hashchange', route);
  await route();
}
window.dltConsole = { get config() { return config; } };
start();
