import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import serverless from 'serverless-http';
import { ForbiddenError } from '../../shared/errors.ts';
import { errorReply } from '../../shared/http/replies.ts';
import type { Platform } from '../../shared/platform.ts';
import { ORIGIN_VERIFY_HEADER } from '../../shared/routes.ts';
import { appendAudit } from '../../shared/store/audit.ts';
import type { Store } from '../../shared/store/context.ts';
import type { TableDirectory } from '../../shared/store/directory.ts';
import { oidcAdapter, providerKeys, signInFlows } from '../../shared/store/identitySessions.ts';
import { identityProvider, type ProviderKeys, type SignInFlow } from './provider.ts';

/** A new signing key (ES256, its RFC 7638 thumbprint as kid), cookie key and code key. */
async function newKeys(): Promise<ProviderKeys> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signing = await exportJWK(privateKey);
  return {
    signing: { ...signing, kid: await calculateJwkThumbprint(signing) },
    cookies: [randomBytes(32).toString('base64url')],
    codeKey: randomBytes(32).toString('base64url'),
  };
}

/**
 * The identity function: the platform's own OpenID provider, where Cognito
 * is not offered (`-c identity=platform`, the China regions), under
 * `/identity/` on the platform's one origin. The HTTP API's JWT authorizer
 * reads its discovery and keys there, as it reads Cognito's. Like every API
 * function it answers only what came through CloudFront; the provider's
 * keys are made by the first container that needs them and kept in the
 * identity table.
 */
export function identity(
  platform: Pick<Platform, 'sms' | 'store' | 'edge'>,
  settings: {
    issuer: string;
    consoleOrigin: string;
    table: Pick<Store, 'db' | 'table'>;
    directory: TableDirectory;
  },
) {
  let ready: Promise<serverless.Handler> | undefined;
  const build = async () => {
    const { listener } = identityProvider({
      issuer: settings.issuer,
      keys: await providerKeys(settings.table, newKeys),
      directory: settings.directory,
      Adapter: oidcAdapter(settings.table),
      flows: signInFlows<SignInFlow>(settings.table),
      consoleOrigins: [settings.consoleOrigin],
      sms: platform.sms,
      audit: (entry) => appendAudit(platform.store, entry),
      behindEdge: true,
    });
    return serverless(listener);
  };
  return async (event: APIGatewayProxyEventV2, context: Context) => {
    if (platform.edge && !(await platform.edge.admits(event.headers[ORIGIN_VERIFY_HEADER])))
      return errorReply(new ForbiddenError('请通过平台网址访问'));
    ready ??= build().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return (await ready)(event, context);
  };
}
