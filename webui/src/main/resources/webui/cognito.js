// Sign-in for the console on AWS (console-config.json "auth": "cognito"): Cognito's hosted login with the
// authorization code flow and PKCE (a public client: no secret, no library). The ID token goes in the API's
// Authorization header, which the API's Cognito authorizer checks. Tokens live in sessionStorage (this tab).

const KEY = 'dlt.cognito';
const EARLY_MS = 60_000; // renew a minute before expiry, so a request never leaves with a dying token

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function randomString(bytes = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** RFC 7636 S256: base64url(SHA-256(verifier)). */
export async function challengeOf(verifier) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

/** When a JWT expires, in epoch milliseconds (0 when it cannot be read). */
export function expiresAt(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload + '='.repeat((4 - payload.length % 4) % 4))).exp * 1000;
  } catch { return 0; }
}

export function authorizeUrl(config, redirectUri, challenge, state) {
  const q = new URLSearchParams({ response_type: 'code', client_id: config.userPoolClientId, redirect_uri: redirectUri,
    scope: 'openid email profile', code_challenge_method: 'S256', code_challenge: challenge, state });
  return `https://${config.authDomain}/oauth2/authorize?${q}`;
}

export function logoutUrl(config, redirectUri) {
  return `https://${config.authDomain}/logout?${new URLSearchParams({ client_id: config.userPoolClientId, logout_uri: redirectUri })}`;
}

/** A Cognito session for one tab; the browser's globals are parameters so node can test it. */
export function session(config, { storage = sessionStorage, location = window.location, history = window.history,
  fetchFn = (...a) => fetch(...a), now = () => Date.now() } = {}) {
  const redirectUri = `${location.origin}/`;
  const read = () => { try { return JSON.parse(storage.getItem(KEY)) || {}; } catch { return {}; } };
  const write = (v) => storage.setItem(KEY, JSON.stringify(v));

  async function token(form) {
    const res = await fetchFn(`https://${config.authDomain}/oauth2/token`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: config.userPoolClientId, ...form }).toString() });
    if (!res.ok) throw new Error(`sign-in failed: HTTP ${res.status}`);
    const t = await res.json();
    const s = read();
    write({ idToken: t.id_token, refreshToken: t.refresh_token || s.refreshToken });
  }

  async function redirectToLogin() {
    const verifier = randomString(48);
    const state = randomString(16);
    write({ ...read(), verifier, state, back: location.hash || '#/' });
    location.assign(authorizeUrl(config, redirectUri, await challengeOf(verifier), state));
    return new Promise(() => {}); // the page is leaving
  }

  return {
    /** Finishes a login redirect, renews or starts a login; resolves once a valid ID token is stored. */
    async signIn() {
      const q = new URLSearchParams(location.search);
      const s = read();
      if (q.get('code')) {
        if (!s.verifier || q.get('state') !== s.state) return redirectToLogin(); // not our redirect
        await token({ grant_type: 'authorization_code', code: q.get('code'), redirect_uri: redirectUri, code_verifier: s.verifier });
        history.replaceState(null, '', location.pathname + (s.back || '#/'));
        return;
      }
      if (s.idToken && expiresAt(s.idToken) - EARLY_MS > now()) return;
      if (s.refreshToken) {
        try { await token({ grant_type: 'refresh_token', refresh_token: s.refreshToken }); return; } catch { /* log in again */ }
      }
      return redirectToLogin();
    },
    /** The ID token for the API's Authorization header, renewed when it is about to expire. */
    async idToken() {
      if (expiresAt(read().idToken) - EARLY_MS <= now()) await this.signIn();
      return read().idToken;
    },
    signOut() {
      storage.removeItem(KEY);
      location.assign(logoutUrl(config, redirectUri));
    },
  };
}
