/**
 * Signs in to the running local platform through its OpenID provider, as
 * the console does, and prints the ID token to send the API:
 *   npm run --silent signin -- <username> <password> [--new-password <password>]
 * A temporary password (from .local/mail-outbox.jsonl) needs --new-password.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { signInLocally, SignInRefused } from './oidcClient.ts';
import { localPaths } from './paths.ts';

const { values, positionals } = parseArgs({
  options: { 'new-password': { type: 'string' } },
  allowPositionals: true,
});
const [username, password] = positionals;
if (!username || !password) {
  console.error(
    'usage: npm run --silent signin -- <username> <password> [--new-password <password>]',
  );
  process.exit(2);
}
const platform = JSON.parse(readFileSync(localPaths().platform, 'utf8')) as {
  issuer: string;
  clientId: string;
  consoleUrl: string;
};
try {
  const { idToken } = await signInLocally({
    issuer: platform.issuer,
    clientId: platform.clientId,
    redirectUri: platform.consoleUrl,
    username,
    password,
    newPassword: values['new-password'],
  });
  console.log(idToken);
} catch (error) {
  console.error(`error: ${error instanceof SignInRefused ? error.message : String(error)}`);
  process.exit(1);
}
