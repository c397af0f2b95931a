import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { Group } from '../shared/domain/principal.ts';
import { localPaths } from './paths.ts';

/** The local stand-in for Cognito: same claims, signed with a key kept in `.local/`. */
export const LOCAL_ISSUER = 'urn:xinhua:local-issuer';
export const LOCAL_AUDIENCE = 'xinhua-local';
const ALGORITHM = 'ES256';

/** The signing key, made on first use and kept, so tokens stay valid across restarts. The OpenID provider signs with it too. */
export async function signingKey(): Promise<JWK> {
  const file = localPaths().signingKey;
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}

export async function issueToken(claims: {
  group: Group;
  unit: string;
  sub?: string;
  /** The person's name, as Cognito's ID token carries it. */
  name?: string;
  expiresIn?: string;
}): Promise<string> {
  const key = await importJWK(await signingKey(), ALGORITHM);
  return new SignJWT({
    'cognito:groups': [claims.group],
    'custom:unitId': claims.unit,
    ...(claims.name ? { name: claims.name } : {}),
    token_use: 'id',
  })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(claims.sub ?? `${claims.unit}-${claims.group}`)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '12h')
    .sign(key);
}

/**
 * What the deployed JWT authorizer does: signature, issuer, audience,
 * expiry; throws when any fails. It trusts the token CLI's issuer and,
 * when given, the local OpenID provider and its console client.
 */
export async function tokenVerifier(oidc?: {
  issuer: string;
  clientId: string;
}): Promise<(token: string) => Promise<JWTPayload>> {
  const { d: _private, ...publicJwk } = await signingKey();
  const key = await importJWK(publicJwk, ALGORITHM);
  return async (token) =>
    (
      await jwtVerify(token, key, {
        issuer: [LOCAL_ISSUER, ...(oidc ? [oidc.issuer] : [])],
        audience: [LOCAL_AUDIENCE, ...(oidc ? [oidc.clientId] : [])],
        algorithms: [ALGORITHM],
        // A token that never expires is no token: Cognito's always carry one.
        requiredClaims: ['exp'],
      })
    ).payload;
}
