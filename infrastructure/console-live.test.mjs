// The console's live data on AWS (webui aws-live.js): SigV4 presigning, Cognito credentials, signed IoT URLs.
// node --test infrastructure/console-live.test.mjs (run by validate.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';

if (!globalThis.crypto) globalThis.crypto = webcrypto;
const source = readFileSync(new URL('../webui/src/main/resources/webui/aws-live.js', import.meta.url), 'utf8');
const { presignUrl, credentialsFor, signedBrokerUrls, uriEncode } = await import(`data:text/javascript,${encodeURIComponent(source)}`);

const signatureOf = (url) => new URL(url).searchParams.get('X-Amz-Signature');

test('presigning matches the S3 query-string example of the SigV4 documentation', async () => {
  // docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html: GET examplebucket/test.txt, 24 h
  const url = await presignUrl({ host: 'examplebucket.s3.amazonaws.com', path: '/test.txt', service: 's3', region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    date: new Date('2013-05-24T00:00:00Z'), expiresSeconds: 86400, payloadHash: 'UNSIGNED-PAYLOAD' });
  assert.equal(signatureOf(url), 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
});

// Expected signatures computed with the AWS SDK for Java v2.40.2 (AwsV4HttpSigner, query-string auth,
// service iotdevicegateway, eu-west-1, 300 s, clock fixed at 2026-11-23T09:30:15Z).
const iot = { host: 'abc123-ats.iot.eu-west-1.amazonaws.com', path: '/mqtt', service: 'iotdevicegateway', region: 'eu-west-1',
  date: new Date('2026-11-23T09:30:15Z'), expiresSeconds: 300 };
const session = { accessKeyId: 'ASIAEXAMPLEKEY123456', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE/token+with=special/chars' };

test('a session token signed in, as most services want, matches the AWS SDK', async () => {
  const url = await presignUrl({ ...iot, credentials: session });
  assert.equal(signatureOf(url), '107479224a613fd85ad0065ed3129b67d04b6ceb0bf479ef156939cc3f10cecb');
});

test('for IoT the session token is left out of the signature and appended after it', async () => {
  const url = await presignUrl({ ...iot, scheme: 'wss', credentials: session, sessionTokenAfterSigning: true });
  assert.equal(signatureOf(url), '6443b38eefa39d99d2f9894b58635c12fe86d47beadf22e8903225e7f9981e5b');
  assert.ok(url.startsWith('wss://abc123-ats.iot.eu-west-1.amazonaws.com/mqtt?X-Amz-Algorithm=AWS4-HMAC-SHA256&'));
  assert.ok(url.endsWith(`&X-Amz-Security-Token=${uriEncode(session.sessionToken)}`));
  assert.equal(new URL(url).searchParams.get('X-Amz-Security-Token'), session.sessionToken);
  assert.equal(new URL(url).searchParams.get('X-Amz-Credential'), 'ASIAEXAMPLEKEY123456/20261123/eu-west-1/iotdevicegateway/aws4_request');
});

const config = { region: 'eu-west-1', userPoolId: 'eu-west-1_AbC123', iotEndpoint: 'abc123-ats.iot.eu-west-1.amazonaws.com' };

function cognito(expirationSeconds) {
  const calls = [];
  let n = 0;
  const fetchFn = async (url, init) => {
    calls.push({ url, init, body: JSON.parse(init.body) });
    n += 1;
    return { ok: true, status: 200, json: async () => ({ IdentityId: 'eu-west-1:id-1',
      Credentials: { AccessKeyId: `ASIAKEY${n}`, SecretKey: 'secret', SessionToken: `token${n}`, Expiration: expirationSeconds } }) };
  };
  return { calls, fetchFn };
}

test('credentials come from Cognito Identity for the identity, with the ID token as its user pool login', async () => {
  const { calls, fetchFn } = cognito(1_900_000_000);
  const c = await credentialsFor(config, 'eu-west-1:id-1', 'id.token', fetchFn);
  assert.deepEqual(c, { accessKeyId: 'ASIAKEY1', secretAccessKey: 'secret', sessionToken: 'token1', expiresAt: 1_900_000_000_000 });
  assert.equal(calls[0].url, 'https://cognito-identity.eu-west-1.amazonaws.com/');
  assert.equal(calls[0].init.method, 'POST');
  assert.equal(calls[0].init.headers['X-Amz-Target'], 'AWSCognitoIdentityService.GetCredentialsForIdentity');
  assert.equal(calls[0].init.headers['Content-Type'], 'application/x-amz-json-1.1');
  assert.deepEqual(calls[0].body, { IdentityId: 'eu-west-1:id-1', Logins: { 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123': 'id.token' } });
});

test('a refusal from Cognito is an error that says why', async () => {
  const fetchFn = async () => ({ ok: false, status: 400, json: async () => ({ __type: 'NotAuthorizedException', message: 'Token expired' }) });
  await assert.rejects(credentialsFor(config, 'id', 'old', fetchFn), /Token expired/);
});

test('broker URLs: access asked once, credentials reused until five minutes before they expire', async () => {
  let now = Date.parse('2026-11-23T10:00:00Z');
  const { calls, fetchFn } = cognito(Date.parse('2026-11-23T11:00:00Z') / 1000);
  let grants = 0;
  const next = signedBrokerUrls(config, { grantAccess: async () => { grants += 1; return { identityId: 'eu-west-1:id-1' }; },
    idToken: async () => 'id.token', fetchFn, now: () => now });

  const first = new URL(await next());
  assert.equal(first.origin + first.pathname, 'wss://abc123-ats.iot.eu-west-1.amazonaws.com/mqtt');
  assert.equal(first.searchParams.get('X-Amz-Credential'), 'ASIAKEY1/20261123/eu-west-1/iotdevicegateway/aws4_request');
  assert.equal(first.searchParams.get('X-Amz-Security-Token'), 'token1');
  assert.equal(first.searchParams.get('X-Amz-Date'), '20261123T100000Z');

  now += 30 * 60_000; // a reconnect half an hour later: same credentials, a fresh signature
  const second = new URL(await next());
  assert.equal(second.searchParams.get('X-Amz-Security-Token'), 'token1');
  assert.equal(second.searchParams.get('X-Amz-Date'), '20261123T103000Z');

  now += 26 * 60_000; // four minutes before they expire: new credentials
  const third = new URL(await next());
  assert.equal(third.searchParams.get('X-Amz-Security-Token'), 'token2');
  assert.equal(grants, 1);
  assert.equal(calls.length, 2);
});

test('broker URLs: no identity from the API is an error, and the grant is asked again next time', async () => {
  let answers = [{}, { identityId: 'eu-west-1:id-1' }];
  const { fetchFn } = cognito(2_000_000_000);
  const next = signedBrokerUrls(config, { grantAccess: async () => answers.shift(), idToken: async () => 't', fetchFn,
    now: () => Date.parse('2026-11-23T10:00:00Z') });
  await assert.rejects(next(), /no identity/);
  assert.match(await next(), /^wss:\/\//);
});
