// A tiny stand-in for `dlt up`, for trying the console without the platform: serves the console's
// files, console-config.json and a mocked API (scenarios run for ~8 s, then complete with a summary).
// The live feed is mocked in the browser test itself (page.routeWebSocket), so mqttWs points nowhere real.
// With auth 'cognito' it plays the deployed console's side instead: a console-config.json as the stack
// writes it, the API taking the Cognito ID_TOKEN, and POST /live-access (the browser test stands in for
// Cognito Identity and IoT Core).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(process.env.WEBUI_ROOT || path.join(path.dirname(fileURLToPath(import.meta.url)), '../../main/resources/webui'));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
export const TOKEN = 'stub-token';
const jwtPart = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
export const ID_TOKEN = `${jwtPart({ alg: 'none' })}.${jwtPart({ exp: Math.floor(Date.now() / 1000) + 4 * 3600 })}.sig`;
export const IDENTITY_ID = 'us-east-1:11111111-2222-3333-4444-555555555555';
export const COGNITO_CONFIG = { apiBase: '/api', auth: 'cognito', region: 'us-east-1',
  authDomain: 'dlt-stub.auth.us-east-1.amazoncognito.com', userPoolId: 'us-east-1_Stub123', userPoolClientId: 'stubclient',
  identityPoolId: 'us-east-1:99999999-8888-7777-6666-555555555555', iotEndpoint: 'stub-ats.iot.us-east-1.amazonaws.com' };

export function startStub({ port = 0, auth = 'token' } = {}) {
  const grants = [];
  const scenarios = new Map();
  const send = (res, code, body) => { res.writeHead(code, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
  const state = (s) => {
    const run = s.history[s.history.length - 1];
    if (run && run.status === 'running' && Date.now() - Date.parse(run.startTime) > 8000) {
      run.status = 'complete'; run.endTime = new Date().toISOString(); run.succPercent = 99.5;
      run.summary = { version: 1, durationSeconds: 8, requests: 2000, successes: 1990, failures: 10, rps: 250,
        responseTimeMs: { min: 0.4, avg: 2.1, max: 40, stdev: 1.5, p50: 1.8, p90: 3.2, p95: 4.1, p99: 9.5, p99_9: 30 },
        statusCodes: { 200: 1990, 500: 10 }, errors: { status: 10 },
        labels: { fast: { requests: 2000, successes: 1990, failures: 10, rps: 250, responseTimeMs: { avg: 2.1, p50: 1.8, p90: 3.2, p95: 4.1, p99: 9.5, max: 40 } } },
        thresholds: { passed: true, results: [{ metric: 'response_time', expression: 'p(95)<5s', actual: 4.1, passed: true }] } };
      run.results = { total: { throughput: 2000, succ: 1990, fail: 10, avg_rt: 0.0021, p95_0: 0.0041 }, 'us-east-1': { throughput: 2000, succ: 1990, fail: 10, avg_rt: 0.0021, p95_0: 0.0041 } };
      s.status = 'complete'; s.endTime = run.endTime;
    }
    return s;
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      if (url.pathname === '/console-config.json') {
        return send(res, 200, auth === 'cognito' ? COGNITO_CONFIG : { apiBase: '/api', mqttWs: `ws://127.0.0.1:${server.address().port}/mqtt`, auth: 'token' });
      }
      if (url.pathname.startsWith('/api/')) {
        // API Gateway's Cognito authorizer takes the bare ID token; the local API a bearer token
        if (req.headers.authorization !== (auth === 'cognito' ? ID_TOKEN : `Bearer ${TOKEN}`)) return send(res, 401, { code: 'UNAUTHORIZED', message: 'token required' });
        const p = url.pathname.slice(4).split('/').filter(Boolean);
        if (p[0] === 'live-access' && req.method === 'POST') {
          grants.push(Date.now());
          return send(res, 200, auth === 'cognito' ? { identityId: IDENTITY_ID, topicFilter: 'dlt/+' } : { identityId: null, topicFilter: 'dlt/+' });
        }
        if (p[0] === 'regions') return send(res, 200, { regions: [{ region: 'us-east-1' }] });
        if (p[0] !== 'scenarios') return send(res, 404, { code: 'NOT_FOUND', message: 'no route' });
        if (p.length === 1 && req.method === 'GET') return send(res, 200, { Items: [...scenarios.values()].map(state).map((s) => ({ testId: s.testId, testName: s.testName, testDescription: s.testDescription, status: s.status, startTime: s.startTime, tags: s.tags, totalTestRuns: s.history.length })) });
        if (p.length === 1 && req.method === 'POST') {
          const b = JSON.parse(body);
          const violations = [];
          if (!b.testName || b.testName.length < 3) violations.push({ field: 'testName', rule: 'length', message: 'must be 3 to 255 characters' });
          const reqs = Object.values(b.testScenario?.scenarios || {})[0]?.requests || [];
          reqs.forEach((r, i) => { if (!/^https?:\/\//.test(r.url || '')) violations.push({ field: `testScenario.scenarios.${Object.keys(b.testScenario.scenarios)[0]}.requests[${i}].url`, rule: 'url', message: 'must be an http(s) URL' }); });
          if (violations.length) return send(res, 400, { code: 'INVALID_REQUEST_BODY', message: violations[0].message, field: violations[0].field, violations });
          const testId = b.testId || Math.random().toString(36).slice(2, 12);
          const prev = scenarios.get(testId);
          const s = { ...b, testId, history: prev?.history || [], status: b.saveOnly ? 'created' : 'running', startTime: new Date().toISOString() };
          delete s.saveOnly;
          if (!b.saveOnly) s.history.push({ testRunId: Math.random().toString(36).slice(2, 12), status: 'running', startTime: s.startTime, testTaskConfigs: b.testTaskConfigs });
          s.testRunId = s.history.at(-1)?.testRunId;
          scenarios.set(testId, s);
          return send(res, 200, { ...s, history: undefined });
        }
        const s = scenarios.get(p[1]);
        if (!s) return send(res, 404, { code: 'NOT_FOUND', message: 'no such test' });
        state(s);
        if (p.length === 2 && req.method === 'GET') {
          const run = s.history.at(-1);
          return send(res, 200, { ...s, history: s.history.map(({ summary, ...h }) => h), summary: run?.summary || null, results: run?.results || {},
            tasksPerRegion: s.status === 'running' ? [{ region: 'us-east-1', running: 2, pending: 0, desired: 2, tasks: [{ taskId: 't1', status: 'RUNNING' }, { taskId: 't2', status: 'RUNNING' }] }] : undefined });
        }
        if (p.length === 2 && req.method === 'POST') { s.status = 'cancelling'; return send(res, 200, { testId: s.testId, status: 'cancelling' }); }
        if (p[2] === 'testruns' && p[3]) { const run = s.history.find((h) => h.testRunId === p[3]); return run ? send(res, 200, { ...run, testId: s.testId }) : send(res, 404, { code: 'NOT_FOUND', message: 'no run' }); }
        if (p[2] === 'baseline' && req.method === 'PUT') { s.baselineId = JSON.parse(body).testRunId; return send(res, 200, { testId: s.testId, baselineId: s.baselineId }); }
        return send(res, 404, { code: 'NOT_FOUND', message: 'no route' });
      }
      const file = path.join(ROOT, path.normalize(url.pathname === '/' ? '/index.html' : url.pathname));
      if (!file.startsWith(ROOT) || !fs.existsSync(file)) { res.writeHead(404); return res.end(); }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
  });
  server.grants = grants;
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
