// The console's Cognito sign-in (webui cognito.js), with the browser's globals replaced by fakes:
// node --test infrastructure/console-auth.test.mjs (run by validate.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';

// node before 19 has no global Web Crypto; the browser does
if (!globalThis.crypto) globalThis.crypto = webcrypto;
// cognito.js is a browser module in a folder without package.json "type": imported as ES module source
const source = readFileSync(new URL('../webui/src/main/resources/webui/cognito.js', import.meta.url), 'utf8');
const { challengeOf, expiresAt, session } = await import(`data:text/javascript,${encodeURIComponent(source)}`);

const config = { authDomain: 'dlt-x.auth.eu-west-1.amazoncognito.com', userPoolClientId: 'client123' };
const jwt = (exp) => `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;

function browser(url) {
  const store = new Map();
  const u = new URL(url);
  const fake = {
    assigned: null, replaced: null, posts: [],
    storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v), removeItem: (k) => store.delete(k) },
    location: { origin: u.origin, pathname: u.pathname, search: u.search, hash: u.hash, assign(to) { fake.assigned = to; } },
    history: { replaceState(_s, _t, to) { fake.replaced = to; } },
    fetchFn: async (to, init) => {
      fake.posts.push({ to, form: new URLSearchParams(init.body) });
      return { ok: true, json: async () => ({ id_token: jwt(Math.floor(Date.now() / 1000) + 3600), refresh_token: 'r1' }) };
    },
  };
  return fake;
}

test('the PKCE challenge is RFC 7636 S256', async () => {
  assert.equal(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  assert.equal(expiresAt(jwt(1700000000)), 1700000000000);
});

test('without a token the console goes to the hosted login with its client, callback and challenge', async () => {
  const b = browser('https://d1.cloudfront.net/#/scenarios');
  session(config, b).signIn();
  await new Promise((r) => setTimeout(r, 50));
  const to = new URL(b.assigned);
  assert.equal(to.origin + to.pathname, 'https://dlt-x.auth.eu-west-1.amazoncognito.com/oauth2/authorize');
  assert.equal(to.searchParams.get('client_id'), 'client123');
  assert.equal(to.searchParams.get('redirect_uri'), 'https://d1.cloudfront.net/');
  assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
  const saved = JSON.parse(b.storage.getItem('dlt.cognito'));
  assert.equal(to.searchParams.get('code_challenge'), await challengeOf(saved.verifier));
  assert.equal(to.searchParams.get('state'), saved.state);
});

test('the login redirect is exchanged with the verifier, and the address bar loses the code', async () => {
  const b = browser('https://d1.cloudfront.net/?code=abc&state=st1');
  b.storage.setItem('dlt.cognito', JSON.stringify({ verifier: 'v1', state: 'st1', back: '#/scenarios' }));
  const s = session(config, b);
  await s.signIn();
  assert.equal(b.posts[0].to, 'https://dlt-x.auth.eu-west-1.amazoncognito.com/oauth2/token');
  assert.equal(b.posts[0].form.get('grant_type'), 'authorization_code');
  assert.equal(b.posts[0].form.get('code_verifier'), 'v1');
  assert.equal(b.replaced, '/#/scenarios');
  assert.ok(expiresAt(await s.idToken()) > Date.now());
});

test('a redirect with another state is not trusted', async () => {
  const b = browser('https://d1.cloudfront.net/?code=abc&state=forged');
  b.storage.setItem('dlt.cognito', JSON.stringify({ verifier: 'v1', state: 'st1' }));
  session(config, b).signIn();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(b.posts.length, 0);
  assert.ok(b.assigned.includes('/oauth2/authorize'));
});

test('an expiring token is renewed with the refresh token', async () => {
  const b = browser('https://d1.cloudfront.net/#/');
  b.storage.setItem('dlt.cognito', JSON.stringify({ idToken: jwt(Math.floor(Date.now() / 1000) + 10), refreshToken: 'r0' }));
  const token = await session(config, b).idToken();
  assert.equal(b.posts[0].form.get('grant_type'), 'refresh_token');
  assert.equal(b.posts[0].form.get('refresh_token'), 'r0');
  assert.ok(expiresAt(token) > Date.now() + 60_000);
});
