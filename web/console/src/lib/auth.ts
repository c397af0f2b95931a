import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { Group } from '../../../../shared/domain/principal.ts';
import { config } from './config.ts';

/** Who is signed in, from the ID token's claims (Cognito's names, locally too). */
export interface Me {
  /** The subject the API keeps as author or approver (`createdBy`, `approvedBy`). */
  sub: string;
  username: string;
  name: string;
  group: Group;
  unitId: string;
}

let manager: UserManager | undefined;

/**
 * One sign-in code path for Cognito and the local provider: OpenID Connect,
 * authorization code with PKCE, tokens in session storage, renewed with the
 * refresh token before they lapse (15 minutes).
 */
function userManager(): UserManager {
  const { authority, clientId } = config();
  manager ??= new UserManager({
    authority,
    client_id: clientId,
    redirect_uri: `${window.location.origin}/`,
    post_logout_redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    scope: 'openid profile',
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
  return manager;
}

/**
 * The signed-in user: finishes a sign-in that just came back (`?code=`),
 * or starts one. Resolves to undefined while the browser is being sent to
 * the sign-in page.
 */
export async function signedInUser(): Promise<User | undefined> {
  const users = userManager();
  const query = new URLSearchParams(window.location.search);
  if (query.has('code') && query.has('state')) {
    const user = await users.signinRedirectCallback();
    const { hash } = (user.state as { hash?: string } | undefined) ?? {};
    window.history.replaceState(null, '', `/${hash ?? '#/'}`);
    return user;
  }
  const user = await users.getUser();
  if (user && !user.expired) return user;
  await signIn();
  return undefined;
}

export function me(user: User): Me {
  const claims = user.profile as Record<string, unknown>;
  const text = (claim: string) => (typeof claims[claim] === 'string' ? claims[claim] : undefined);
  const groups = (claims['cognito:groups'] as string[] | undefined) ?? [];
  const username = text('cognito:username') ?? user.profile.sub;
  return {
    sub: user.profile.sub,
    username,
    name: text('name') ?? username,
    group: groups[0] as Group,
    unitId: text('custom:unitId') ?? '',
  };
}

/** The token the API takes: the ID token, as with Cognito (it carries the group and unit). */
export async function idToken(): Promise<string | undefined> {
  const user = await userManager().getUser();
  return user && !user.expired ? user.id_token : undefined;
}

/**
 * Once the page is being sent to sign in or out, nothing else may send it
 * elsewhere: a query that finds the token gone while 退出 is under way would
 * otherwise send the browser back to sign in, with the session still open.
 */
let leaving = false;
async function leave(go: () => Promise<void>): Promise<void> {
  if (leaving) return;
  leaving = true;
  try {
    await go();
  } catch (error) {
    leaving = false;
    throw error;
  }
}

export async function signIn(): Promise<void> {
  await leave(() => userManager().signinRedirect({ state: { hash: window.location.hash } }));
}

export async function signOut(): Promise<void> {
  await leave(async () => {
    const { signOutUrl } = config();
    if (signOutUrl) {
      // Cognito's managed login names no end-session endpoint in its discovery.
      await userManager().removeUser();
      window.location.assign(signOutUrl);
      return;
    }
    await userManager().signoutRedirect();
  });
}
