/**
 * The security headers of the web apps, the same deployed (CloudFront's
 * response headers policy) and locally (the gateway), so that a policy a
 * screen breaks breaks on a developer's machine first.
 */
export interface WebOrigins {
  /** Where the API answers (the console calls it; locally the console's own origin). */
  api: string;
  /** The sign-in origins: Cognito's domain and issuer, or the local OpenID provider. */
  auth: string[];
  /** Where photos are shown from (presigned S3 links). */
  images: string[];
  /** Where uploads are POSTed (the bucket). */
  uploads: string[];
}

export function contentSecurityPolicy(origins: WebOrigins): string {
  const list = (values: string[]) => values.filter(Boolean).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // antd writes its CSS-in-JS into <style> elements.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${list(origins.images)}`,
    `connect-src 'self' ${list([origins.api, ...origins.auth, ...origins.uploads])}`,
    `form-action 'self' ${list(origins.auth)}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** Every header but HSTS (which only https carries) and the CSP. */
export const STATIC_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
} as const;
