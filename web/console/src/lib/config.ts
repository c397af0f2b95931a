/**
 * Where the console finds the API and its sign-in: `/config.json`, written
 * at deploy time (API URL, Cognito's issuer, client and sign-out URL) and
 * served by `npm start` locally (the local OpenID provider).
 */
export interface ConsoleConfig {
  apiUrl: string;
  /** The OpenID issuer: Cognito's user pool, or the local provider. */
  authority: string;
  clientId: string;
  /** Cognito's managed-login sign-out URL; absent where discovery names one (the local provider). */
  signOutUrl?: string;
}

let loaded: ConsoleConfig | undefined;

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json: ${response.status}`);
  loaded = (await response.json()) as ConsoleConfig;
  return loaded;
}

export function config(): ConsoleConfig {
  if (!loaded) throw new Error('the console configuration is not loaded');
  return loaded;
}
