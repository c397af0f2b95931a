import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identity } from '../../functions/identity/handler.ts';
import { identityDirectory } from '../../functions/lambdaPlatform.ts';
import { apiEvent } from '../../local/apiEvent.ts';
import { writeReply } from '../../local/gateway.ts';
import { lambdaContext } from '../../local/lambdaContext.ts';
import { localSignInSession, SignInRefused } from '../../local/oidcClient.ts';
import { CONSOLE_CLIENT_ID } from '../../shared/domain/accounts.ts';
import { ORIGIN_VERIFY_HEADER } from '../../shared/routes.ts';
import { oidcAdapter, providerKeys } from '../../shared/store/identitySessions.ts';
import { createFirstAdmin } from '../../scripts/first-admin.ts';
import { auditOf } from '../support/db.ts';
import { newMobile, publishedTo } from '../support/sms.ts';
import { testPlatform } from '../support/testPlatform.ts';

/**
 * The identity function as it runs where Cognito is not offered (the China
 * regions): its Lambda handler behind a stand-in for CloudFront and API
 * Gateway (the secret origin-verify header, payload 2.0 events, cookies as
 * a list), mounted at /identity, its state in DynamoDB Local. Two handler
 * instances take turns, as two Lambda containers would.
 */
const ORIGIN_SECRET = 'test-origin-verify-secret';
/** Where the console would be: sign-in ends with a redirect there, which the test does not follow. */
const CONSOLE = 'http://console.test';
/** The address CloudFront saw the clerk at. */
const VIEWER = '203.0.113.7';
const table = { db: testPlatform.store.db, table: testPlatform.directory.table };
const edge = { admits: (header: string | undefined) => Promise.resolve(header === ORIGIN_SECRET) };
let server: Server;
let origin = '';
let issuer = '';
let turn = 0;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  issuer = `${origin}/identity`;
  const directory = await identityDirectory(table, testPlatform.sms);
  const settings = { issuer, consoleOrigin: CONSOLE, table, directory };
  const platform = { ...testPlatform, edge };
  const containers = [identity(platform, settings), identity(platform, settings)];
  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [name, String(value)]),
      );
      // CloudFront adds the secret and the viewer's address, unless the test calls "around the edge".
      if (headers['x-around-edge'] !== 'yes') {
        headers[ORIGIN_VERIFY_HEADER] = ORIGIN_SECRET;
        headers['x-forwarded-for'] = VIEWER;
      }
      const event = apiEvent({
        method: req.method ?? 'GET',
        routePath: '/identity/{proxy+}',
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        body: Buffer.concat(chunks),
      });
      const handler = containers[turn++ % containers.length]!;
      handler(event, lambdaContext('identity'))
        .then((reply) => {
          writeReply(res, reply);
        })
        .catch((error: unknown) => {
          res.writeHead(502).end(String(error));
        });
    });
  });
});

afterAll(() => {
  server.close();
});

const session = () =>
  localSignInSession({ issuer, clientId: CONSOLE_CLIENT_ID, redirectUri: `${CONSOLE}/` });

/** A new account of the platform's directory: its temporary password is texted to its phone. */
async function newAccount(username: string, group = 'unit-staff' as const) {
  const phone = newMobile();
  const directory = await identityDirectory(table, testPlatform.sms);
  await directory.createAccount({
    username,
    name: '张三',
    group,
    unitId: 'health',
    email: `${username}@example.gov.cn`,
    phone,
  });
  const text = publishedTo(phone)[0]?.text ?? '';
  const password = /临时密码(\S+?)，/.exec(text)?.[1] ?? '';
  return { phone, password, text };
}

const refresh = (token: string) =>
  fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: token,
      client_id: CONSOLE_CLIENT_ID,
    }),
  });

async function signIn(username: string, password: string, newPassword?: string) {
  const s = await session();
  let page = await s.submit('login', { username, password });
  if (newPassword)
    page = await s.submit('password', { password: newPassword, confirm: newPassword });
  return s.finish(page);
}

describe('the identity function (the platform signs staff in itself where there is no Cognito)', () => {
  it('publishes its discovery under /identity on the platform’s origin, and its keys', async () => {
    const discovery = (await (
      await fetch(`${issuer}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      end_session_endpoint: `${issuer}/session/end`,
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['ES256'],
    });
    const { keys } = (await (await fetch(`${issuer}/jwks`)).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    // Public keys only: never the private part.
    expect(keys[0]?.['d']).toBeUndefined();
  });

  it('answers nothing that did not come through the edge', async () => {
    const around = await fetch(`${issuer}/.well-known/openid-configuration`, {
      headers: { 'x-around-edge': 'yes' },
    });
    expect(around.status).toBe(403);
    expect(await around.json()).toEqual({
      error: { code: 'FORBIDDEN', message: '请通过平台网址访问', details: [] },
    });
  });

  it('texts a new account its temporary password, and refuses one without a phone, writing nothing', async () => {
    const directory = await identityDirectory(table, testPlatform.sms);
    await expect(
      directory.createAccount({
        username: 'no-phone',
        name: '李四',
        group: 'unit-staff',
        unitId: 'health',
        email: 'no-phone@example.gov.cn',
      }),
    ).rejects.toMatchObject({ statusCode: 400, details: [{ field: 'phone' }] });
    expect(await directory.getAccount('no-phone')).toBeUndefined();

    const { text, password } = await newAccount('cn-texted');
    expect(text).toMatch(
      /^【新华区政务网】您的新华区政务网账号已开通，临时密码\S+，首次登录须设置新密码/,
    );
    expect(password).toMatch(/^\S{12,}$/);
  });

  it('signs a person in across containers: code with PKCE, a new password first, an ID token the API’s authorizer accepts', async () => {
    const { password } = await newAccount('cn-clerk');
    const { idToken, claims } = await signIn('cn-clerk', password, 'Beijing#Region2026');
    // What API Gateway's JWT authorizer checks: the issuer's keys, the issuer, the audience.
    const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(`${issuer}/jwks`)), {
      issuer,
      audience: CONSOLE_CLIENT_ID,
    });
    expect(payload).toMatchObject({
      sub: 'cn-clerk',
      'cognito:groups': ['unit-staff'],
      'custom:unitId': 'health',
      name: '张三',
    });
    expect(claims['sub']).toBe('cn-clerk');
    const audited = await auditOf('ACCOUNT#cn-clerk');
    expect(audited.map((entry) => entry['action'])).toContain('account.sign-in');
    // The caller's address is the one CloudFront saw, as the API reads it.
    expect(audited.at(-1)).toMatchObject({ actorSub: 'cn-clerk', sourceIp: VIEWER });

    // The next sign-in is by the new password; the temporary one is gone.
    await expect(signIn('cn-clerk', password)).rejects.toThrow(SignInRefused);
    expect((await signIn('cn-clerk', 'Beijing#Region2026')).idToken).toBeTruthy();
  });

  it('lets the operator make the first district administrator, who then signs in (npm run first-admin)', async () => {
    const printed: string[] = [];
    await createFirstAdmin(
      table,
      { username: 'cn-first', name: '王某', email: 'wang@example.gov.cn', phone: '13800000001' },
      (line) => printed.push(line),
    );
    expect(printed).toEqual([
      expect.stringMatching(/^cn-first \(district-admin, info-center\) made/),
    ]);
    const password = /shown once: (\S+)$/.exec(printed[0] ?? '')?.[1] ?? '';
    const { claims } = await signIn('cn-first', password, 'First#admin2026x');
    expect(claims).toMatchObject({
      'cognito:groups': ['district-admin'],
      'custom:unitId': 'info-center',
    });
    await expect(
      createFirstAdmin(
        table,
        { username: 'cn-first', name: '王某', email: 'wang@example.gov.cn', phone: '13800000001' },
        () => undefined,
      ),
    ).rejects.toThrow('taken');
  });

  it('closes an account’s password sign-in after five wrong passwords, audited, whoever asks next', async () => {
    const { password } = await newAccount('cn-guessed');
    await signIn('cn-guessed', password, 'Guessed#right2026');
    // A person who mistypes and then gets it right starts counting again.
    for (let round = 1; round <= 2; round++) {
      for (let guess = 1; guess <= 4; guess++)
        await expect(signIn('cn-guessed', `Typo#${guess}`)).rejects.toThrow('用户名或密码错误');
      expect((await signIn('cn-guessed', 'Guessed#right2026')).idToken).toBeTruthy();
    }
    for (let guess = 1; guess <= 5; guess++)
      await expect(signIn('cn-guessed', `Wrong#guess${guess}`)).rejects.toThrow('用户名或密码错误');
    // The right password no longer helps while the window lasts.
    await expect(signIn('cn-guessed', 'Guessed#right2026')).rejects.toThrow('密码错误次数过多');
    const failed = (await auditOf('ACCOUNT#cn-guessed')).filter(
      (entry) => entry['action'] === 'account.sign-in.failed',
    );
    expect(failed).toHaveLength(13);
    expect(failed[0]).toMatchObject({ details: { method: 'password' }, sourceIp: VIEWER });
    // An unknown name is counted the same, so the answer tells no one which names exist.
    for (let guess = 1; guess <= 5; guess++)
      await expect(signIn('cn-nobody', `Wrong#guess${guess}`)).rejects.toThrow('用户名或密码错误');
    await expect(signIn('cn-nobody', 'Wrong#guess6')).rejects.toThrow('密码错误次数过多');
  });

  it('revokes what a code gave when the code is used again (its grant’s tokens, wherever they are)', async () => {
    const { password } = await newAccount('cn-replay');
    const s = await session();
    await s.submit('login', { username: 'cn-replay', password });
    const page = await s.submit('password', {
      password: 'Replayed#code2026',
      confirm: 'Replayed#code2026',
    });
    const first = await s.finish(page);
    // The same code again (its PKCE verifier too): refused, and the refresh token it gave,
    // never used (it would have worked: see the next test), is revoked with its grant.
    await expect(s.finish(page)).rejects.toThrow();
    expect((await refresh(first.refreshToken!)).status).toBe(400);
  });

  it('ends a disabled account’s sign-in and refresh, and enabling it again brings none back', async () => {
    const { password } = await newAccount('cn-leaving');
    const first = await signIn('cn-leaving', password, 'Leaving#person2026');
    const directory = await identityDirectory(table, testPlatform.sms);
    await directory.setEnabled('cn-leaving', false);
    await expect(signIn('cn-leaving', 'Leaving#person2026')).rejects.toThrow('账号已停用');
    expect((await refresh(first.refreshToken!)).status).toBe(400);
    // Enabled again a moment later: a fresh sign-in works, the old refresh token does not.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await directory.setEnabled('cn-leaving', true);
    const fresh = await signIn('cn-leaving', 'Leaving#person2026');
    expect((await refresh(first.refreshToken!)).status).toBe(400);
    expect((await refresh(fresh.refreshToken!)).status).toBe(200);
  });
});

describe('oidc-provider’s store in DynamoDB (shared/store/identitySessions.ts)', () => {
  const Adapter = oidcAdapter(table);
  const id = () => Math.random().toString(36).slice(2);

  it('revokes every item of one grant, across models, and leaves other grants alone', async () => {
    const [grant, other] = [id(), id()];
    const access = new Adapter('AccessToken');
    const refreshTokens = new Adapter('RefreshToken');
    const [a, r, kept] = [id(), id(), id()];
    await access.upsert(a, { grantId: grant, accountId: 'x' }, 900);
    await refreshTokens.upsert(r, { grantId: grant, accountId: 'x' }, 900);
    await refreshTokens.upsert(kept, { grantId: other, accountId: 'x' }, 900);
    await access.revokeByGrantId(grant);
    expect(await access.find(a)).toBeUndefined();
    expect(await refreshTokens.find(r)).toBeUndefined();
    expect(await refreshTokens.find(kept)).toMatchObject({ grantId: other });
  });

  it('finds a session by its uid, marks a code consumed, and treats an expired item as gone', async () => {
    const sessions = new Adapter('Session');
    const codes = new Adapter('AuthorizationCode');
    const [s, uid, c, old] = [id(), id(), id(), id()];
    await sessions.upsert(s, { uid, accountId: 'x' }, 3600);
    expect(await sessions.findByUid(uid)).toMatchObject({ uid, accountId: 'x' });
    await codes.upsert(c, { accountId: 'x' }, 60);
    await codes.consume(c);
    expect((await codes.find(c))?.consumed).toEqual(expect.any(Number));
    await sessions.destroy(s);
    expect(await sessions.findByUid(uid)).toBeUndefined();
    // DynamoDB's TTL deletes within days: a read past expiresAt already finds nothing.
    await codes.upsert(old, { accountId: 'x' }, -5);
    expect(await codes.find(old)).toBeUndefined();
    await codes.upsert(old, { accountId: 'x' }, 60);
    expect(await codes.find(old)).toMatchObject({ accountId: 'x' });
  });

  it('makes the provider’s keys once: a second container gets the first one’s', async () => {
    // A table no provider has used yet: both race to make the keys.
    const fresh = { db: table.db, table: testPlatform.store.table };
    const make = (n: number) => () => Promise.resolve({ n });
    const [first, second] = await Promise.all([
      providerKeys(fresh, make(1)),
      providerKeys(fresh, make(2)),
    ]);
    expect(first).toEqual(second);
    expect(await providerKeys(fresh, make(3))).toEqual(first);
  });
});
