import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as client from 'openid-client';
import { decodeJwt } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import {
  localDiscovery,
  localSignInSession,
  signInLocally,
  SignInRefused,
} from '../../local/oidcClient.ts';
import { smsCodeTo, smsOutbox, temporaryPasswordOf } from '../support/outboxes.ts';
import { http } from '../support/client.ts';

/** The local platform is an OpenID provider on its own origin (API.md "Sign-in"), used here as the console uses it. */
const platform = JSON.parse(readFileSync(join(inject('localDir'), 'platform.json'), 'utf8')) as {
  issuer: string;
  clientId: string;
  consoleUrl: string;
};
const signIn = (username: string, password: string, newPassword?: string) =>
  signInLocally({
    issuer: platform.issuer,
    clientId: platform.clientId,
    redirectUri: platform.consoleUrl,
    username,
    password,
    newPassword,
  });
const createAccount = (token: string, unitId: string, body: Record<string, string>) =>
  http('POST', `/units/${unitId}/accounts`, {
    token,
    body: { email: `${body['username']}@example.gov.cn`, ...body },
  });

describe('local sign-in (OpenID Connect, authorization code + PKCE)', () => {
  it('publishes its discovery document on its own origin: code flow, S256 PKCE, ES256 ID tokens', async () => {
    const response = await fetch(`${platform.issuer}/.well-known/openid-configuration`);
    const discovery = (await response.json()) as Record<string, unknown[]>;
    expect(new URL(platform.issuer).origin).not.toBe(new URL(platform.consoleUrl).origin);
    expect(discovery).toMatchObject({
      issuer: platform.issuer,
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: expect.arrayContaining(['ES256']),
    });
    // The console uses the authorization code only: nothing implicit or hybrid is offered.
    expect(discovery.response_types_supported).toEqual(['code']);
  });

  it('never lets its pages be framed by another site', async () => {
    const authorize = new URL(`${platform.issuer}/auth`);
    authorize.search = new URLSearchParams({
      client_id: platform.clientId,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: platform.consoleUrl,
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    }).toString();
    const redirected = await fetch(authorize, { redirect: 'manual' });
    const cookie = redirected.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const loginPage = await fetch(
      new URL(redirected.headers.get('location') ?? '', platform.issuer),
      { headers: { cookie } },
    );
    expect(loginPage.status).toBe(200);
    for (const response of [redirected, loginPage]) {
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('signs a demo account in; its ID token carries Cognito’s claims and opens the inbox', async () => {
    const { idToken, refreshToken } = await signIn('health-staff', 'xinhua-local');
    expect(decodeJwt(idToken)).toMatchObject({
      iss: platform.issuer,
      aud: platform.clientId,
      sub: 'health-staff',
      'cognito:username': 'health-staff',
      'cognito:groups': ['unit-staff'],
      'custom:unitId': 'health',
      token_use: 'id',
    });
    const lifetime = (decodeJwt(idToken).exp ?? 0) - (decodeJwt(idToken).iat ?? 0);
    expect(lifetime).toBe(15 * 60);
    expect(refreshToken).toBeDefined();
    expect((await http('GET', '/inbox', { token: idToken })).status).toBe(200);
  });

  it('refuses a wrong password, and needs PKCE', async () => {
    await expect(signIn('health-staff', 'not-the-password')).rejects.toThrow('用户名或密码错误');
    const withoutPkce = new URL(`${platform.issuer}/auth`);
    for (const [name, value] of Object.entries({
      client_id: platform.clientId,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: platform.consoleUrl,
    })) {
      withoutPkce.searchParams.set(name, value);
    }
    const refused = await fetch(withoutPkce, { redirect: 'manual' });
    expect(refused.headers.get('location')).toContain('error=invalid_request');
  });

  it('makes a new account set its own password at the first sign-in, to the policy', async () => {
    const admin = (await signIn('sysadmin', 'xinhua-local')).idToken;
    expect(
      (
        await createAccount(admin, 'gexin-street', {
          username: 'gx-staff',
          name: '革新街道值班员',
          group: 'unit-staff',
        })
      ).status,
    ).toBe(201);
    const temporary = temporaryPasswordOf('gx-staff@example.gov.cn');
    expect(temporary).not.toBe('');
    await expect(signIn('gx-staff', temporary)).rejects.toThrow('a new password must be set');
    await expect(signIn('gx-staff', temporary, 'weakpassword')).rejects.toThrow('新密码不符合要求');
    // The temporary password meets the policy, but it was mailed: it may not stay.
    await expect(signIn('gx-staff', temporary, temporary)).rejects.toThrow(
      '新密码不能与临时密码相同',
    );
    const { idToken } = await signIn('gx-staff', temporary, 'Gexin#street2026');
    expect((await http('GET', '/inbox', { token: idToken })).status).toBe(200);
    // The temporary password is spent.
    await expect(signIn('gx-staff', temporary)).rejects.toThrow(SignInRefused);
    expect((await signIn('gx-staff', 'Gexin#street2026')).idToken).toBeTruthy();
  });

  it('refuses a disabled account at sign-in, and its refresh token no longer works', async () => {
    const admin = (await signIn('sysadmin', 'xinhua-local')).idToken;
    await createAccount(admin, 'gexin-street', {
      username: 'gx-leaving',
      name: '调离人员',
      group: 'unit-staff',
    });
    const password = 'Leaving#person2026';
    const { refreshToken } = await signIn(
      'gx-leaving',
      temporaryPasswordOf('gx-leaving@example.gov.cn'),
      password,
    );
    const disabled = await http('POST', '/units/gexin-street/accounts/gx-leaving/disable', {
      token: admin,
    });
    expect(disabled).toMatchObject({
      status: 200,
      body: { username: 'gx-leaving', enabled: false },
    });

    await expect(signIn('gx-leaving', password)).rejects.toThrow('账号已停用');
    const config = await localDiscovery(platform.issuer, platform.clientId);
    await expect(client.refreshTokenGrant(config, refreshToken!)).rejects.toThrow();

    // Sessions and tokens are stamped in whole seconds: one from the second of the disabling
    // counts as from before it, so the fresh sign-in comes a second later.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await http('POST', '/units/gexin-street/accounts/gx-leaving/enable', { token: admin });
    // Enabled again, the person signs in afresh; what was issued before stays revoked.
    const fresh = await signIn('gx-leaving', password);
    expect(fresh.idToken).toBeTruthy();
    await expect(client.refreshTokenGrant(config, refreshToken!)).rejects.toThrow();
    expect((await client.refreshTokenGrant(config, fresh.refreshToken!)).id_token).toBeTruthy();
  });

  it('lets the district administrator create a township’s admin, who creates a member of staff and a head; each signs in', async () => {
    const admin = (await signIn('sysadmin', 'xinhua-local')).idToken;
    expect(
      (
        await createAccount(admin, 'dadianzhuang-town', {
          username: 'ddz-admin',
          name: '大店庄乡管理员',
          group: 'unit-admin',
        })
      ).status,
    ).toBe(201);
    const townAdmin = (
      await signIn(
        'ddz-admin',
        temporaryPasswordOf('ddz-admin@example.gov.cn'),
        'Dadianzhuang#2026',
      )
    ).idToken;
    for (const [username, group] of [
      ['ddz-staff', 'unit-staff'],
      ['ddz-head', 'unit-head'],
    ] as const) {
      expect(
        (await createAccount(townAdmin, 'dadianzhuang-town', { username, name: username, group }))
          .status,
      ).toBe(201);
      const { idToken } = await signIn(
        username,
        temporaryPasswordOf(`${username}@example.gov.cn`),
        'Dadianzhuang#2026',
      );
      expect(decodeJwt(idToken)).toMatchObject({
        'cognito:groups': [group],
        'custom:unitId': 'dadianzhuang-town',
      });
      expect((await http('GET', '/inbox', { token: idToken })).status).toBe(200);
    }
    const listed = await http('GET', '/units/dadianzhuang-town/accounts', { token: townAdmin });
    expect(listed.body.items.map((account: { username: string }) => account.username)).toEqual(
      expect.arrayContaining(['ddz-admin', 'ddz-staff', 'ddz-head']),
    );
  });
});

describe('phone sign-in (Art14): a code texted to the unit’s registered, verified number', () => {
  /** A number of this run's own: the platform keeps each number in one unit. */
  const run = String(Date.now() % 10_000_000).padStart(7, '0');
  const mobile = (n: number) => `+86137${run}${n}`;
  const signInCodesTo = (phone: string) =>
    smsOutbox().filter((sms) => sms.to === phone && sms.text.includes('用于登录'));
  const session = () => localSignInSession({ ...platform, redirectUri: platform.consoleUrl });
  /** An account of Zhaoling town with this phone, and (unless not) the number registered and verified. */
  async function dutyAccount(username: string, phone: string, verified = true) {
    const admin = (await signIn('sysadmin', 'xinhua-local')).idToken;
    expect(
      (
        await createAccount(admin, 'zhaoling-town', {
          username,
          name: '赵陵铺值班员',
          group: 'unit-staff',
          phone,
        })
      ).status,
    ).toBe(201);
    if (!verified) return admin;
    await http('POST', '/units/zhaoling-town/phones', {
      token: admin,
      body: { phone, holderName: '赵陵铺值班员', remind: false },
    });
    const answer = await http(
      'POST',
      `/units/zhaoling-town/phones/${encodeURIComponent(phone)}/verify`,
      { token: admin, body: { code: smsCodeTo(phone) } },
    );
    expect(answer.body.status).toBe('active');
    return admin;
  }

  it('texts no code to a number that signs nobody in, and says the same as to one that does', async () => {
    const phone = mobile(1);
    await dutyAccount('zl-unverified', phone, false);
    const page = await (await session()).submit('phone-code', { phone });
    expect(page.status).toBe(200);
    expect(page.html).toContain('如该号码是本单位登记的登录手机，验证码已发送');
    expect(signInCodesTo(phone)).toEqual([]);
    // Any code is wrong then: there is none to match.
    const s = await session();
    await s.submit('phone-code', { phone: mobile(9) });
    await expect(
      s.finish(await s.submit('phone-login', { phone: mobile(9), code: '123456' })),
    ).rejects.toThrow('验证码错误');
  });

  it('signs the account in with the code, audited; a wrong code first costs one of five tries', async () => {
    const phone = mobile(2);
    const admin = await dutyAccount('zl-duty', phone);
    const s = await session();
    await s.submit('phone-code', { phone: phone.replace('+86', '') });
    expect(signInCodesTo(phone)).toHaveLength(1);
    const code = smsCodeTo(phone);
    const wrong = await s.submit('phone-login', {
      phone,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain('验证码错误，还可再试 4 次');
    const { idToken } = await s.finish(await s.submit('phone-login', { phone, code }));
    expect(decodeJwt(idToken)).toMatchObject({
      'cognito:username': 'zl-duty',
      'custom:unitId': 'zhaoling-town',
    });
    expect((await http('GET', '/inbox', { token: idToken })).status).toBe(200);

    const audit = await http('GET', `/audit?target=${encodeURIComponent('ACCOUNT#zl-duty')}`, {
      token: admin,
    });
    const actions = (
      audit.body.items as { action: string; details?: Record<string, unknown> }[]
    ).map(({ action, details }) => [action, details?.['method']]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['account.sign-in', 'phone'],
        ['account.sign-in.failed', 'phone'],
      ]),
    );
    // No full number in the audit: masked, as everywhere but the district administrator's view.
    expect(JSON.stringify(audit.body)).not.toContain(phone);
  });

  it('gives five tries per code and one code a minute per number', async () => {
    const phone = mobile(3);
    await dutyAccount('zl-night', phone);
    const s = await session();
    await s.submit('phone-code', { phone });
    const again = await s.submit('phone-code', { phone });
    expect(again.status).toBe(429);
    expect(signInCodesTo(phone)).toHaveLength(1);
    const code = smsCodeTo(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 1; left--)
      expect((await s.submit('phone-login', { phone, code: wrong })).html).toContain(
        `还可再试 ${left} 次`,
      );
    expect((await s.submit('phone-login', { phone, code: wrong })).html).toContain(
      '验证码已失效，请重新获取验证码',
    );
    // Spent: the right code no longer signs in.
    await expect(s.finish(await s.submit('phone-login', { phone, code }))).rejects.toThrow(
      '已失效',
    );
  });
});
