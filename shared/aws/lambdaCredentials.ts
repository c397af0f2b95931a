/**
 * Stands in for `@aws-sdk/credential-provider-node` in Lambda bundles (an
 * esbuild alias in infra/bundling.ts). Lambda always hands a function its
 * role's credentials in environment variables, so the SSO, INI, process and
 * web-identity providers of the default chain are dead weight: ~90 KB that
 * every cold start would load.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = () => fromEnv();
