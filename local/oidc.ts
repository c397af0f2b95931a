import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { JWK } from 'jose';
import type { AuditEntry } from '../shared/domain/audit.ts';
import type { SmsSender } from '../shared/sms/sender.ts';
import type { Store } from '../shared/store/context.ts';
import type { TableDirectory } from '../shared/store/directory.ts';
import { oidcAdapter, signInFlows } from '../shared/store/identitySessions.ts';
import { identityProvider, type SignInFlow } from '../functions/identity/provider.ts';

export interface LocalOidc {
  issuer: string;
  server: Server;
}

/**
 * The local platform's OpenID provider: the identity function's provider
 * (functions/identity) on its own origin, as Cognito's managed login is
 * deployed, its sessions in the directory's DynamoDB Local table, ID tokens
 * signed with the local key the gateway trusts. Cookie and code keys are new
 * at each start: a restart signs everyone out, nothing more.
 */
export function createLocalOidc(options: {
  port: number;
  signingKey: JWK;
  directory: TableDirectory;
  /** The directory's table: the provider keeps its sessions there too. */
  store: Pick<Store, 'db' | 'table'>;
  /** Where the console is served: its redirect and post-logout URIs. */
  consoleOrigins: string[];
  sms: SmsSender;
  audit: (entry: AuditEntry) => Promise<void>;
}): LocalOidc {
  const issuer = `http://127.0.0.1:${options.port}`;
  const { listener } = identityProvider({
    issuer,
    keys: {
      signing: options.signingKey,
      cookies: [randomBytes(32).toString('base64url')],
      codeKey: randomBytes(32).toString('base64url'),
    },
    directory: options.directory,
    Adapter: oidcAdapter(options.store),
    flows: signInFlows<SignInFlow>(options.store),
    consoleOrigins: options.consoleOrigins,
    sms: options.sms,
    audit: options.audit,
    behindEdge: false,
  });
  return { issuer, server: createServer(listener) };
}
