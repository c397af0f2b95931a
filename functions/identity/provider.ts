import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import Provider, { type Adapter, type KoaContextWithOIDC } from 'oidc-provider';
import {
  CONSOLE_CLIENT_ID,
  PASSWORD_LOCK_MINUTES,
  PASSWORD_TRIES,
  passwordProblems,
  type Account,
} from '../../shared/domain/accounts.ts';
import { auditEntry, auditTarget, type AuditEntry } from '../../shared/domain/audit.ts';
import {
  checkCode,
  newVerification,
  SIGN_IN_CODE_INTERVAL_SECONDS,
  SIGN_IN_CODE_MINUTES,
  type Verification,
} from '../../shared/domain/phoneRegistry.ts';
import { maskPhone, normalizePhone } from '../../shared/domain/phones.ts';
import { signInCodeSms } from '../../shared/domain/smsTemplates.ts';
import type { SmsSender } from '../../shared/sms/sender.ts';
import type { TableDirectory } from '../../shared/store/directory.ts';
import { loginPage, logoutPage, messagePage, passwordPage, phonePage } from './pages.ts';

/** Sign-in pages are never shown inside another site's frame (clickjacking). */
const NO_FRAMING = {
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
};

/** What an interaction's path asks for: its page, or one of its forms. */
type Action = '' | 'login' | 'password' | 'phone' | 'phone-code' | 'phone-login';

/** Tokens live as long as Cognito's deployed: a disabled account loses access within 15 minutes. */
const TOKEN_SECONDS = 15 * 60;
/** An interaction lasts an hour: what it remembers between pages, as long. */
const INTERACTION_SECONDS = 3600;

/** What one sign-in remembers between its pages (`signInFlows` keeps it). */
export interface SignInFlow {
  /** Signed in with a temporary password: a new one must be set first. */
  mustChangePassword?: Account;
  /** The code texted in this interaction, to the number asked for (and whose account it signs in, if any). */
  phoneCode?: { phone: string; username?: string; verification: Verification };
}

/** The provider's own keys: the ID-token signing key (ES256), the cookie keys, the key of sign-in codes. */
export interface ProviderKeys {
  signing: JWK;
  cookies: string[];
  codeKey: string;
}

export interface IdentityOptions {
  /** `http://127.0.0.1:<port>` locally; `https://<the platform's domain>/identity` deployed. */
  issuer: string;
  keys: ProviderKeys;
  directory: TableDirectory;
  /** oidc-provider's store (shared/store/identitySessions.ts). */
  Adapter: new (name: string) => Adapter;
  flows: {
    get(uid: string): Promise<SignInFlow | undefined>;
    put(uid: string, flow: SignInFlow, seconds: number): Promise<void>;
    delete(uid: string): Promise<void>;
    claim(name: string, seconds: number): Promise<boolean>;
    failures(name: string): Promise<number>;
    fail(name: string, seconds: number): Promise<void>;
    clearFailures(name: string): Promise<void>;
  };
  /** Where the console is served: its redirect and post-logout URIs. */
  consoleOrigins: string[];
  /** Sign-in codes go out as every SMS does (locally, to the SMS outbox). */
  sms: SmsSender;
  /** Sign-ins, and phone codes entered wrong, are audited. */
  audit: (entry: AuditEntry) => Promise<void>;
  /**
   * Behind CloudFront and API Gateway: the caller's address is the first of
   * X-Forwarded-For, as the API reads it; locally, the connection's.
   */
  behindEdge: boolean;
}

/**
 * The platform's own OpenID provider (oidc-provider, a certified OpenID
 * implementation), in the place of Cognito's managed login: locally on its
 * own origin, and deployed as the identity function where Cognito is not
 * offered (the China regions). Authorization code with PKCE for the
 * console; ID tokens with Cognito's claims (`cognito:groups`,
 * `custom:unitId`, `cognito:username`), so the API reads them as it reads
 * Cognito's; accounts from the table directory. A temporary password must be
 * changed at the first sign-in; a disabled account cannot sign in, nor
 * refresh its tokens, and nothing from before it was disabled works again.
 * Everything it keeps is in DynamoDB, so any container may serve any page.
 */
export function identityProvider(options: IdentityOptions): {
  provider: Provider;
  listener: (req: IncomingMessage, res: ServerResponse) => void;
} {
  const { issuer, directory, sms, audit, flows, keys } = options;
  const issuerUrl = new URL(issuer);
  /** Where the provider is mounted: '' locally, '/identity' deployed. */
  const prefix = issuerUrl.pathname.replace(/\/$/, '');
  const codeKey = Buffer.from(keys.codeKey, 'base64url');
  const provider = new Provider(issuer, {
    adapter: options.Adapter,
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
    jwks: { keys: [{ ...keys.signing, use: 'sig', alg: 'ES256' }] },
    cookies: { keys: keys.cookies },
    claims: {
      openid: ['sub', 'cognito:username', 'cognito:groups', 'custom:unitId', 'token_use'],
      profile: ['name'],
    },
    // Cognito's ID token carries the group and unit: so does ours (the API reads them there).
    conformIdTokenClaims: false,
    async findAccount(ctx, sub, token) {
      const record = await directory.signInRecord(sub);
      // A disabled account has no claims: its refresh tokens no longer work either, nor does
      // anything issued before it was last disabled (a session, a refresh token).
      // Tokens and sessions are stamped in whole seconds: one from the second of the disabling
      // counts as from before it.
      const issuedAt = token?.iat ?? ctx.oidc.session?.loginTs ?? Infinity;
      if (!record?.account.enabled || issuedAt <= Math.floor(record.signedOutAt / 1000))
        return undefined;
      const { account } = record;
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
      Interaction: INTERACTION_SECONDS,
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
    interactions: { url: (_ctx, interaction) => `${prefix}/interaction/${interaction.uid}` },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = messagePage('登录出错', `登录未能完成（${out.error}），请返回重试。`);
      return Promise.resolve();
    },
  });
  // The scheme and host are the issuer's (set on every request below), whoever forwarded it.
  provider.proxy = true;

  const sourceIp = (req: IncomingMessage) =>
    (options.behindEdge
      ? String(req.headers['x-forwarded-for'] ?? '')
          .split(',')[0]
          ?.trim()
      : undefined) ||
    req.socket.remoteAddress ||
    '';

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
          sourceIp: sourceIp(req),
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
    const path = `${prefix}/interaction/${uid}`;
    const html = (status: number, body: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        ...NO_FRAMING,
      });
      res.end(body);
    };
    const flow = (await flows.get(uid)) ?? {};
    if (req.method === 'GET' && action === '') {
      html(200, flow.mustChangePassword ? passwordPage(path, []) : loginPage(path));
      return;
    }
    if (req.method === 'GET' && action === 'phone') {
      html(200, phonePage(path));
      return;
    }
    const form = new URLSearchParams(await readBody(req));
    if (req.method === 'POST' && (action === 'phone-code' || action === 'phone-login')) {
      await phoneSignIn(req, res, { uid, path, flow }, action, form, html);
      return;
    }
    if (req.method === 'POST' && action === 'login') {
      const username = form.get('username')?.trim() ?? '';
      // Guessing is slowed per account: five wrong passwords close its password sign-in a while.
      const guesses = `password#${username}`;
      const failures = await flows.failures(guesses);
      if (failures >= PASSWORD_TRIES) {
        html(
          429,
          loginPage(path, `密码错误次数过多，请${PASSWORD_LOCK_MINUTES}分钟后再试`, username),
        );
        return;
      }
      const result = await directory.signIn(username, form.get('password') ?? '');
      if (result.outcome === 'refused') {
        await flows.fail(guesses, PASSWORD_LOCK_MINUTES * 60);
        if (result.account)
          await signInAudit('account.sign-in.failed', result.account, req, { method: 'password' });
        html(401, loginPage(path, '用户名或密码错误', username));
        return;
      }
      if (failures > 0) await flows.clearFailures(guesses);
      if (result.outcome === 'disabled') {
        html(403, loginPage(path, '账号已停用，请联系本单位管理员或区信息中心', username));
      } else if (result.outcome === 'must-change-password') {
        await flows.put(uid, { mustChangePassword: result.account }, INTERACTION_SECONDS);
        html(200, passwordPage(path, []));
      } else {
        await signInAudit('account.sign-in', result.account, req, { method: 'password' });
        await provider.interactionFinished(req, res, {
          login: { accountId: result.account.username },
        });
      }
      return;
    }
    const account = flow.mustChangePassword;
    if (req.method === 'POST' && action === 'password' && account) {
      const { username } = account;
      const password = form.get('password') ?? '';
      const problems = [
        ...passwordProblems(password),
        ...(password === form.get('confirm') ? [] : ['两次输入不一致']),
      ];
      if (problems.length > 0) {
        html(400, passwordPage(path, problems));
        return;
      }
      if (await directory.passwordMatches(username, password)) {
        html(400, passwordPage(path, ['新密码不能与临时密码相同']));
        return;
      }
      await directory.changePassword(username, password);
      await flows.delete(uid);
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
    { uid, path, flow }: { uid: string; path: string; flow: SignInFlow },
    action: 'phone-code' | 'phone-login',
    form: URLSearchParams,
    html: (status: number, body: string) => void,
  ) {
    const typed = form.get('phone')?.trim() ?? '';
    const phone = normalizePhone(typed);
    if (!phone) {
      html(400, phonePage(path, { phone: typed, error: '请输入11位手机号' }));
      return;
    }
    const now = new Date();
    if (action === 'phone-code') {
      // The slot is named by a keyed hash: the table holds no phone number in a key.
      const slot = createHmac('sha256', codeKey).update(phone).digest('base64url');
      if (!(await flows.claim(`phone#${slot}`, SIGN_IN_CODE_INTERVAL_SECONDS))) {
        html(429, phonePage(path, { phone: typed, error: '验证码已发送，请1分钟后再获取' }));
        return;
      }
      const account = await directory.phoneSignInAccount(phone);
      const { code, verification } = newVerification(phone, now, codeKey, SIGN_IN_CODE_MINUTES);
      const phoneCode = { phone, ...(account ? { username: account.username } : {}), verification };
      await flows.put(uid, { ...flow, phoneCode }, INTERACTION_SECONDS);
      if (account) await sms.send(phone, signInCodeSms(code));
      html(
        200,
        phonePage(path, {
          phone: typed,
          notice: `如该号码是本单位登记的登录手机，验证码已发送至 ${maskPhone(phone)}，${SIGN_IN_CODE_MINUTES}分钟内有效。`,
        }),
      );
      return;
    }
    const sent = flow.phoneCode;
    if (!sent || sent.phone !== phone) {
      html(400, phonePage(path, { phone: typed, error: '请先获取验证码' }));
      return;
    }
    const checked = checkCode(sent.verification, phone, form.get('code') ?? '', now, codeKey);
    const account = sent.username ? await directory.getAccount(sent.username) : undefined;
    if (checked === 'match' && account?.enabled) {
      await flows.delete(uid);
      await signInAudit('account.sign-in', account, req, {
        method: 'phone',
        phone: maskPhone(phone),
      });
      await provider.interactionFinished(req, res, { login: { accountId: account.username } });
      return;
    }
    if (checked === 'wrong') {
      sent.verification.triesLeft -= 1;
      await flows.put(uid, { ...flow, phoneCode: sent }, INTERACTION_SECONDS);
    }
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
      phonePage(path, {
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
  const interactionPath = new RegExp(
    `^${prefix}/interaction/([\\w-]+)(?:/(login|password|phone|phone-code|phone-login))?$`,
  );
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    // The issuer's scheme and host, whatever address the request came in on (an edge, a gateway).
    req.headers.host = issuerUrl.host;
    req.headers['x-forwarded-proto'] = issuerUrl.protocol.slice(0, -1);
    req.headers['x-forwarded-host'] = issuerUrl.host;
    // (serverless-http's stand-in socket says it is encrypted: the scheme is the issuer's, here too.)
    Object.assign(req.socket, { encrypted: issuerUrl.protocol === 'https:' });
    const url = req.url ?? '/';
    const pathname = url.split('?')[0] ?? '';
    const match = interactionPath.exec(pathname);
    if (match) {
      interaction(req, res, match[1] ?? '', (match[2] ?? '') as Action).catch((error: unknown) => {
        // An interaction that expired or is unknown: start again from the console.
        if (!res.headersSent) {
          res.writeHead(400, { 'content-type': 'text/html; charset=utf-8', ...NO_FRAMING });
          res.end(messagePage('登录已过期', '登录页面已过期，请回到政务网重新登录。'));
        }
        if ((error as { name?: string }).name !== 'SessionNotFound') console.error(error);
      });
      return;
    }
    if (prefix && pathname !== prefix && !pathname.startsWith(`${prefix}/`)) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...NO_FRAMING });
      res.end(messagePage('找不到页面', '请从政务网首页重新登录。'));
      return;
    }
    // Mounted under the prefix: oidc-provider routes the rest and names its URLs with it.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = url.slice(prefix.length) || '/';
    void callback(req, res);
  };
  return { provider, listener };
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
