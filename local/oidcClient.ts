import * as client from 'openid-client';

export interface SignedIn {
  /** What the console sends the API as `Authorization: Bearer`, as with Cognito. */
  idToken: string;
  refreshToken?: string;
  claims: Record<string, unknown>;
}

/** The sign-in page said no: its message (用户名或密码错误, 账号已停用…) and HTTP status. */
export class SignInRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'SignInRefused';
  }
}

/**
 * Signs in through the local OpenID provider as the console does: discovery,
 * authorization code with PKCE (openid-client, a certified relying party),
 * and in between the sign-in pages as a browser fills them in, cookies and
 * redirects included. A temporary password is changed to `newPassword`.
 */
export async function signInLocally(options: {
  issuer: string;
  clientId: string;
  redirectUri: string;
  username: string;
  password: string;
  newPassword?: string | undefined;
}): Promise<SignedIn> {
  const session = await localSignInSession(options);
  let page = await session.submit('login', {
    username: options.username,
    password: options.password,
  });
  if (page.html?.includes('设置新密码')) {
    if (!options.newPassword)
      throw new SignInRefused('a new password must be set at the first sign-in', 409);
    const password = { password: options.newPassword, confirm: options.newPassword };
    page = await session.submit('password', password);
  }
  return session.finish(page);
}

/**
 * One sign-in, a form at a time: `submit` posts one of the sign-in page's
 * forms (`login`, `password`, `phone-code`, `phone-login`) and returns the
 * page that follows; `finish` takes the last one, back at the console,
 * and exchanges its code for tokens (or throws the page's alert).
 */
export async function localSignInSession(options: {
  issuer: string;
  clientId: string;
  redirectUri: string;
}) {
  const config = await localDiscovery(options.issuer, options.clientId);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const authorize = client.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri,
    scope: 'openid profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const browser = cookieBrowser();
  let page = await browser.follow(authorize.href, options.redirectUri);
  return {
    async submit(action: string, form: Record<string, string>): Promise<Page> {
      page = await browser.submit(page, action, form, options.redirectUri);
      return page;
    },
    async finish(last: Page = page): Promise<SignedIn> {
      if (!last.url.startsWith(options.redirectUri)) {
        throw new SignInRefused(
          /role="alert">([^<]+)</.exec(last.html ?? '')?.[1] ?? 'sign-in did not finish',
          last.status,
        );
      }
      const tokens = await client.authorizationCodeGrant(config, new URL(last.url), {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      if (!tokens.id_token) throw new Error('no ID token');
      return {
        idToken: tokens.id_token,
        ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
        claims: tokens.claims() ?? {},
      };
    },
  };
}

/**
 * The provider's metadata, for the console's public client. The local
 * provider speaks plain http on 127.0.0.1; openid-client insists on https
 * unless told, as it should everywhere but here.
 */
export function localDiscovery(issuer: string, clientId: string): Promise<client.Configuration> {
  return client.discovery(new URL(issuer), clientId, undefined, client.None(), {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- http on loopback, the local platform only
    execute: [client.allowInsecureRequests],
  });
}

export interface Page {
  url: string;
  status: number;
  html?: string;
}

/** What a browser does between the two: keeps cookies, follows redirects until the client's redirect URI. */
function cookieBrowser() {
  const cookies = new Map<string, string>();
  const request = async (
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...init.headers,
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  const follow = async (start: string, stopAt: string, first?: Response): Promise<Page> => {
    let url = start;
    let response = first ?? (await request(url));
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      if (hops > 10) throw new Error('too many redirects');
      url = new URL(response.headers.get('location') ?? '', url).href;
      if (url.startsWith(stopAt)) return { url, status: response.status };
      response = await request(url);
    }
    return { url, status: response.status, html: await response.text() };
  };
  const submit = async (
    page: Page,
    action: string,
    form: Record<string, string>,
    stopAt: string,
  ) => {
    if (page.url.startsWith(stopAt)) return page;
    const target = new URL(
      `${new URL(page.url).pathname.replace(/\/(login|password|phone|phone-code|phone-login)$/, '')}/${action}`,
      page.url,
    ).href;
    const response = await request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    return follow(target, stopAt, response);
  };
  return { follow, submit };
}
