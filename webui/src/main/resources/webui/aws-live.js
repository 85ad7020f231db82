// Live data on AWS (console-config.json "auth": "cognito"): IoT Core's MQTT broker over WebSocket, entered
// with the signed-in user's Cognito identity. IoT lets an identity subscribe only once the stack's IoT
// policy is attached to it, which the API does for the caller's own identity (POST /live-access), so the
// console never holds iot:AttachPolicy. Then: the identity's temporary AWS credentials (Cognito Identity's
// GetCredentialsForIdentity, a public API called with the ID token), and a SigV4-presigned
// wss://{iotEndpoint}/mqtt URL (service iotdevicegateway) for mqtt.js. Web Crypto only, no SDK.

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const URL_VALIDITY_S = 300; // the URL is used at once; a leaked one dies soon
const RENEW_MS = 5 * 60_000; // fetch new credentials five minutes before these expire

const utf8 = (s) => new TextEncoder().encode(s);
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function sha256Hex(text) {
  return hex(await crypto.subtle.digest('SHA-256', utf8(text)));
}

async function hmac(key, text) {
  const k = await crypto.subtle.importKey('raw', typeof key === 'string' ? utf8(key) : key,
    { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', k, utf8(text));
}

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ is %XX. */
export function uriEncode(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** 20130524T000000Z */
export function amzDate(date) {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * A SigV4 query-string presigned URL (signed header: host only).
 * sessionTokenAfterSigning: IoT's device gateway wants X-Amz-Security-Token left out of the signature and
 * appended afterwards; other services (S3) sign it like any other parameter.
 */
export async function presignUrl({ scheme = 'https', method = 'GET', host, path, service, region, credentials,
  date = new Date(), expiresSeconds = URL_VALIDITY_S, payloadHash = EMPTY_SHA256, sessionTokenAfterSigning = false }) {
  const stamp = amzDate(date);
  const day = stamp.slice(0, 8);
  const scope = `${day}/${region}/${service}/aws4_request`;
  const params = {
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${credentials.accessKeyId}/${scope}`,
    'X-Amz-Date': stamp,
    'X-Amz-Expires': String(expiresSeconds),
    'X-Amz-SignedHeaders': 'host',
  };
  if (credentials.sessionToken && !sessionTokenAfterSigning) params['X-Amz-Security-Token'] = credentials.sessionToken;
  const query = Object.keys(params).sort().map((k) => `${uriEncode(k)}=${uriEncode(params[k])}`).join('&');
  const canonicalPath = path.split('/').map(uriEncode).join('/');
  const canonical = [method, canonicalPath, query, `host:${host}\n`, 'host', payloadHash].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', stamp, scope, await sha256Hex(canonical)].join('\n');
  let key = await hmac(`AWS4${credentials.secretAccessKey}`, day);
  for (const part of [region, service, 'aws4_request']) key = await hmac(key, part);
  const signature = hex(await hmac(key, toSign));
  let url = `${scheme}://${host}${canonicalPath}?${query}&X-Amz-Signature=${signature}`;
  if (credentials.sessionToken && sessionTokenAfterSigning) url += `&X-Amz-Security-Token=${uriEncode(credentials.sessionToken)}`;
  return url;
}

/** The user pool as the identity pool knows it. */
export const signInProvider = (config) => `cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;

/** Cognito Identity's GetCredentialsForIdentity (public: the ID token is the proof, no signature). */
export async function credentialsFor(config, identityId, idToken, fetchFn = (...a) => fetch(...a)) {
  const res = await fetchFn(`https://cognito-identity.${config.region}.amazonaws.com/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityService.GetCredentialsForIdentity' },
    body: JSON.stringify({ IdentityId: identityId, Logins: { [signInProvider(config)]: idToken } }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`live-data credentials refused: ${body.message || body.__type || `HTTP ${res.status}`}`);
  const c = body.Credentials || {};
  if (!c.AccessKeyId || !c.SecretKey || !c.SessionToken) throw new Error('live-data credentials missing from Cognito\'s answer');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken,
    expiresAt: Number(c.Expiration) * 1000 || 0 }; // no expiry given: fetch new ones for the next connection
}

/**
 * Signed broker URLs for one console tab: each call gives a fresh URL (mqtt.js calls it on every
 * (re)connect), asking the API for access once and Cognito for credentials when they near expiry.
 * grantAccess: () => the API's POST /live-access answer; idToken: () => a valid ID token.
 */
export function signedBrokerUrls(config, { grantAccess, idToken, fetchFn = (...a) => fetch(...a), now = () => Date.now() }) {
  let identityId = null;
  let credentials = null;
  return async function nextUrl() {
    if (!identityId) {
      const access = await grantAccess();
      if (!access?.identityId) throw new Error('the API opened live data to no identity');
      identityId = access.identityId;
    }
    if (!credentials || credentials.expiresAt - RENEW_MS <= now()) {
      credentials = await credentialsFor(config, identityId, await idToken(), fetchFn);
    }
    return presignUrl({ scheme: 'wss', host: config.iotEndpoint, path: '/mqtt', service: 'iotdevicegateway',
      region: config.region, credentials, date: new Date(now()), sessionTokenAfterSigning: true });
  };
}
