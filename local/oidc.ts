import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import Provider, {
  type Adapter,
  type AdapterPayload,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { passwordProblems, type Account } from '../shared/domain/accounts.ts';
import { auditEntry, auditTarget, type AuditEntry } from '../shared/domain/audit.ts';
import {
  checkCode,
  newVerification,
  SIGN_IN_CODE_INTERVAL_SECONDS,
  SIGN_IN_CODE_MINUTES,
  type Verification,
} from '../shared/domain/phoneRegistry.ts';
import { maskPhone, normalizePhone } from '../shared/domain/phones.ts';
import { signInCodeSms } from '../shared/domain/smsTemplates.ts';
import type { SmsSender } from '../shared/sms/sender.ts';
import type { LocalDirectory } from './localDirectory.ts';
import { loginPage, logoutPage, messagePage, passwordPage, phonePage } from './oidcPages.ts';

/** The console's client: public (no secret), authorization code with PKCE, as Cognito's app client. */
export const CONSOLE_CLIENT_ID = 'xinhua-console';

/** Sign-in pages are never shown inside another site's frame (clickjacking). */
const NO_FRAMING = {
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
};

/** What an interaction's path asks for: its page, or one of its forms. */
type Action = '' | 'login' | 'password' | 'phone' | 'phone-code' | 'phone-login';

/** Tokens live as long as Cognito's deployed: a disabled account loses access within 15 minutes. */
const TOKEN_SECONDS = 15 * 60;

export interface LocalOidc {
  issuer: string;
  server: Server;
}

/**
 * The local platform's OpenID provider (oidc-provider, a certified OpenID
 * implementation), on its own origin, as Cognito's managed login is
 * deployed: authorization code with PKCE for the console, ID tokens with
 * Cognito's claims (`cognito:groups`, `custom:unitId`, `cognito:username`)
 * signed with the local key the gateway trusts, accounts from the local
 * directory. A temporary password must be changed at the first sign-in; a
 * disabled account cannot sign in, nor refresh its tokens.
 */
export function createLocalOidc(options: {
  port: number;
  signingKey: JWK;
  directory: LocalDirectory;
  /** Where the console is served: its redirect and post-logout URIs. */
  consoleOrigins: string[];
  /** Sign-in codes go out as every SMS does (locally, to the SMS outbox). */
  sms: SmsSender;
  /** Sign-ins, and phone codes entered wrong, are audited. */
  audit: (entry: AuditEntry) => Promise<void>;
}): LocalOidc {
  const issuer = `http://127.0.0.1:${options.port}`;
  const { directory, sms, audit } = options;
  const provider = new Provider(issuer, {
    adapter: MemoryAdapter,
    clients: [
      {
        client_id: CONSOLE_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: options.consoleOrigins.map((origin) => `${origin}/`),
        post_logout_redirect_uris: options.consoleOrigins.map((origin) => `${origin}/`),
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [{ ...options.signingKey, use: 'sig', alg: 'ES256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub', 'cognito:username', 'cognito:groups', 'custom:unitId', 'token_use'],
      profile: ['name'],
    },
    // Cognito's ID token carries the group and unit: so does ours (the API reads them there).
    conformIdTokenClaims: false,
    async findAccount(_ctx, sub) {
      const account = await directory.getAccount(sub);
      // A disabled account has no claims: its refresh tokens no longer work either.
      if (!account?.enabled) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          'cognito:username': account.username,
          'cognito:groups': [account.group],
          'custom:unitId': account.unitId,
          name: account.name,
          token_use: 'id',
        }),
      };
    },
    // A first-party client: what it asks is granted without a consent screen.
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId ??
        ctx.oidc.session?.grantIdFor(ctx.oidc.client?.clientId ?? '');
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope('openid profile offline_access');
      await grant.save();
      return grant;
    },
    // The console keeps working through a shift: refresh tokens for our public client.
    issueRefreshToken: (_ctx, client) => Promise.resolve(client.grantTypeAllowed('refresh_token')),
    ttl: {
      AccessToken: TOKEN_SECONDS,
      IdToken: TOKEN_SECONDS,
      AuthorizationCode: 60,
      RefreshToken: 12 * 3600,
      Interaction: 3600,
      Session: 12 * 3600,
      Grant: 12 * 3600,
    },
    clientBasedCORS: (_ctx, origin, client) =>
      client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    pkce: { required: () => true },
    // The console uses the authorization code only: no implicit or hybrid flows are offered.
    responseTypes: ['code'],
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = logoutPage(form);
          return Promise.resolve();
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.body = messagePage('已退出', '您已退出新华区政务网。');
          return Promise.resolve();
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = messagePage('登录出错', `登录未能完成（${out.error}），请返回重试。`);
      return Promise.resolve();
    },
  });

  // Disabling an account signs it out everywhere, as Cognito's global sign-out: its sessions,
  // grants and refresh tokens are gone, and enabling it again brings none of them back.
  directory.onDisable((username) => {
    MemoryAdapter.forgetAccount(username);
  });

  /** People who signed in with a temporary password, by interaction: they must set a new one first. */
  const mustChangePassword = new Map<string, Account>();
  /** The code texted in an interaction, to the number asked for (and whose account it signs in, if any). */
  const phoneCodes = new Map<
    string,
    { phone: string; username?: string; verification: Verification }
  >();
  /** When each number was last texted a code: once a minute at most. */
  const lastCodeAt = new Map<string, number>();
  const codeKey = randomBytes(32);

  /** The audit record of a sign-in, by the person who signed in, from where they came. */
  const signInAudit = (
    action: 'account.sign-in' | 'account.sign-in.failed',
    account: Account,
    req: IncomingMessage,
    details: Record<string, unknown>,
  ) =>
    audit(
      auditEntry(
        action,
        auditTarget.account(account.username),
        {
          sub: account.username,
          username: account.username,
          name: account.name,
          unitId: account.unitId,
          groups: [account.group],
          sourceIp: req.socket.remoteAddress ?? '',
        },
        new Date(),
        details,
      ),
    );

  async function interaction(
    req: IncomingMessage,
    res: ServerResponse,
    uid: string,
    action: Action,
  ) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const html = (status: number, body: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        ...NO_FRAMING,
      });
      res.end(body);
    };
    if (req.method === 'GET' && action === '') {
      html(200, mustChangePassword.has(uid) ? passwordPage(uid, []) : loginPage(uid));
      return;
    }
    if (req.method === 'GET' && action === 'phone') {
      html(200, phonePage(uid));
      return;
    }
    const form = new URLSearchParams(await readBody(req));
    if (req.method === 'POST' && (action === 'phone-code' || action === 'phone-login')) {
      await phoneSignIn(req, res, uid, action, form, html);
      return;
    }
    if (req.method === 'POST' && action === 'login') {
      const username = form.get('username')?.trim() ?? '';
      const result = await directory.signIn(username, form.get('password') ?? '');
      if (result.outcome === 'refused') {
        html(401, loginPage(uid, '用户名或密码错误', username));
      } else if (result.outcome === 'disabled') {
        html(403, loginPage(uid, '账号已停用，请联系本单位管理员或区信息中心', username));
      } else if (result.outcome === 'must-change-password') {
        mustChangePassword.set(uid, result.account);
        html(200, passwordPage(uid, []));
      } else {
        await signInAudit('account.sign-in', result.account, req, { method: 'password' });
        await provider.interactionFinished(req, res, {
          login: { accountId: result.account.username },
        });
      }
      return;
    }
    const account = mustChangePassword.get(uid);
    if (req.method === 'POST' && action === 'password' && account) {
      const { username } = account;
      const password = form.get('password') ?? '';
      const problems = [
        ...passwordProblems(password),
        ...(password === form.get('confirm') ? [] : ['两次输入不一致']),
      ];
      if (problems.length > 0) {
        html(400, passwordPage(uid, problems));
        return;
      }
      if (await directory.passwordMatches(username, password)) {
        html(400, passwordPage(uid, ['新密码不能与临时密码相同']));
        return;
      }
      await directory.changePassword(username, password);
      mustChangePassword.delete(uid);
      await signInAudit('account.sign-in', account, req, { method: 'password' });
      await provider.interactionFinished(req, res, { login: { accountId: username } });
      return;
    }
    html(404, messagePage('找不到页面', '请从政务网首页重新登录。'));
  }

  /**
   * Phone sign-in (Art14), as Cognito's SMS_OTP: a code goes only to a
   * number that signs an account in (`signsInByPhone`, kept on the account),
   * yet the page says the same whatever the number, so it tells no one which
   * numbers are registered. Five tries per code, one code a minute per number.
   */
  async function phoneSignIn(
    req: IncomingMessage,
    res: ServerResponse,
    uid: string,
    action: 'phone-code' | 'phone-login',
    form: URLSearchParams,
    html: (status: number, body: string) => void,
  ) {
    const typed = form.get('phone')?.trim() ?? '';
    const phone = normalizePhone(typed);
    if (!phone) {
      html(400, phonePage(uid, { phone: typed, error: '请输入11位手机号' }));
      return;
    }
    const now = new Date();
    if (action === 'phone-code') {
      const last = lastCodeAt.get(phone) ?? 0;
      if (now.getTime() - last < SIGN_IN_CODE_INTERVAL_SECONDS * 1000) {
        html(429, phonePage(uid, { phone: typed, error: '验证码已发送，请1分钟后再获取' }));
        return;
      }
      lastCodeAt.set(phone, now.getTime());
      const account = await directory.phoneSignInAccount(phone);
      const { code, verification } = newVerification(phone, now, codeKey, SIGN_IN_CODE_MINUTES);
      phoneCodes.set(uid, {
        phone,
        ...(account ? { username: account.username } : {}),
        verification,
      });
      if (account) await sms.send(phone, signInCodeSms(code));
      html(
        200,
        phonePage(uid, {
          phone: typed,
          notice: `如该号码是本单位登记的登录手机，验证码已发送至 ${maskPhone(phone)}，${SIGN_IN_CODE_MINUTES}分钟内有效。`,
        }),
      );
      return;
    }
    const sent = phoneCodes.get(uid);
    if (!sent || sent.phone !== phone) {
      html(400, phonePage(uid, { phone: typed, error: '请先获取验证码' }));
      return;
    }
    const checked = checkCode(sent.verification, phone, form.get('code') ?? '', now, codeKey);
    const account = sent.username ? await directory.getAccount(sent.username) : undefined;
    if (checked === 'match' && account?.enabled) {
      phoneCodes.delete(uid);
      await signInAudit('account.sign-in', account, req, {
        method: 'phone',
        phone: maskPhone(phone),
      });
      await provider.interactionFinished(req, res, { login: { accountId: account.username } });
      return;
    }
    if (checked === 'wrong') sent.verification.triesLeft -= 1;
    const triesLeft = checked === 'lapsed' ? 0 : sent.verification.triesLeft;
    if (account) {
      await signInAudit('account.sign-in.failed', account, req, {
        method: 'phone',
        phone: maskPhone(phone),
        triesLeft,
      });
    }
    html(
      401,
      phonePage(uid, {
        phone: typed,
        error:
          triesLeft > 0 ? `验证码错误，还可再试 ${triesLeft} 次` : '验证码已失效，请重新获取验证码',
      }),
    );
  }

  // Its own pages (errors, logout) may not be framed either.
  provider.use(async (ctx, next) => {
    await next();
    ctx.set(NO_FRAMING);
  });
  const callback = provider.callback();
  const server = createServer((req, res) => {
    const match =
      /^\/interaction\/([\w-]+)(?:\/(login|password|phone|phone-code|phone-login))?$/.exec(
        req.url?.split('?')[0] ?? '',
      );
    if (!match) {
      void callback(req, res);
      return;
    }
    interaction(req, res, match[1] ?? '', (match[2] ?? '') as Action).catch((error: unknown) => {
      // An interaction that expired or is unknown: start again from the console.
      if (!res.headersSent) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8', ...NO_FRAMING });
        res.end(messagePage('登录已过期', '登录页面已过期，请回到政务网重新登录。'));
      }
      if ((error as { name?: string }).name !== 'SessionNotFound') console.error(error);
    });
  });
  return { issuer, server };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * oidc-provider's store of sessions, codes, grants and tokens, in memory: a
 * restart of the local platform signs everyone out, nothing more.
 */
class MemoryAdapter implements Adapter {
  private static readonly items = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  private static readonly uids = new Map<string, string>();
  private static readonly grants = new Map<string, Set<string>>();

  constructor(private readonly name: string) {}

  private key(id: string) {
    return `${this.name}:${id}`;
  }

  upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const key = this.key(id);
    MemoryAdapter.items.set(key, {
      payload,
      expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity,
    });
    if (payload.uid) MemoryAdapter.uids.set(payload.uid, id);
    if (payload.grantId) {
      const keys = MemoryAdapter.grants.get(payload.grantId) ?? new Set();
      MemoryAdapter.grants.set(payload.grantId, keys.add(key));
    }
    return Promise.resolve();
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    const item = MemoryAdapter.items.get(this.key(id));
    if (!item || item.expiresAt < Date.now()) return Promise.resolve(undefined);
    return Promise.resolve(item.payload);
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = MemoryAdapter.uids.get(uid);
    return id ? this.find(id) : Promise.resolve(undefined);
  }

  findByUserCode(): Promise<AdapterPayload | undefined> {
    return Promise.resolve(undefined);
  }

  consume(id: string): Promise<void> {
    const item = MemoryAdapter.items.get(this.key(id));
    if (item) item.payload = { ...item.payload, consumed: Math.floor(Date.now() / 1000) };
    return Promise.resolve();
  }

  destroy(id: string): Promise<void> {
    MemoryAdapter.items.delete(this.key(id));
    return Promise.resolve();
  }

  /** Every session, grant and token of one account. */
  static forgetAccount(accountId: string): void {
    for (const [key, item] of MemoryAdapter.items)
      if (item.payload.accountId === accountId) MemoryAdapter.items.delete(key);
  }

  revokeByGrantId(grantId: string): Promise<void> {
    for (const key of MemoryAdapter.grants.get(grantId) ?? []) MemoryAdapter.items.delete(key);
    MemoryAdapter.grants.delete(grantId);
    return Promise.resolve();
  }
}
