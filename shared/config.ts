import * as z from 'zod/mini';

/**
 * The one place that reads a function's environment in AWS (the Lambda
 * composition root, functions/lambdaPlatform.ts, and the operator's
 * scripts). Read lazily and once. The local platform passes its settings
 * to its own root instead (local/localPlatform.ts).
 */
const ConfigSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  AUDIT_TABLE_NAME: z.string().check(z.minLength(1)),
  /** Lambda sets it; scripts take it from the profile's region if unset (the SDK's chain). */
  AWS_REGION: z.optional(z.string().check(z.minLength(1))),
  /** The uploads bucket: citizens' photos and staff's files. */
  PHOTOS_BUCKET: z.optional(z.string().check(z.minLength(3))),
  /** The audit digests (Object Lock, compliance mode): the hourly digester writes, audit:verify reads. */
  AUDIT_DIGEST_BUCKET: z.optional(z.string().check(z.minLength(3))),
  /** Where SNS sends SMS from, when not this function's own region (`-c smsRegion=`). */
  SMS_REGION: z.optional(z.string().check(z.minLength(1))),
  /** SMS sender ID and origination number, only where the destination takes them (README, SMS). */
  SMS_SENDER_ID: z.optional(z.string().check(z.minLength(1))),
  SMS_ORIGINATION_NUMBER: z.optional(z.string().check(z.minLength(1))),
  /** Who sends SMS: SNS, or Alibaba Cloud's SMS service in the China regions (`-c smsProvider=aliyun`). */
  SMS_PROVIDER: z._default(z.enum(['sns', 'aliyun']), 'sns'),
  /** The domestic gateway's registered signature (签名) and template codes (JSON, template → code). */
  SMS_SIGN_NAME: z.optional(z.string().check(z.minLength(1))),
  SMS_TEMPLATE_CODES: z.optional(z.string().check(z.minLength(2))),
  /** The Secrets Manager secret with the gateway's AccessKey pair (JSON). */
  SMS_GATEWAY_SECRET_ARN: z.optional(z.string().check(z.minLength(20))),
  /** The Secrets Manager secret that keys verification-code hashes. */
  PHONE_CODE_SECRET_ARN: z.optional(z.string().check(z.minLength(20))),
  /** The secret CloudFront sends as `x-origin-verify`: API functions answer only requests that carry it. */
  ORIGIN_VERIFY_SECRET_ARN: z.optional(z.string().check(z.minLength(20))),
  /** The Cognito user pool of staff accounts. */
  USER_POOL_ID: z.optional(z.string().check(z.minLength(1))),
  /**
   * Where the platform signs staff in itself (`-c identity=platform`, the China
   * regions): the identity table (accounts, sessions, the provider's keys), the
   * issuer (`https://<domain>/identity`) and the console's origin.
   */
  IDENTITY_TABLE_NAME: z.optional(z.string().check(z.minLength(1))),
  ISSUER: z.optional(z.string().check(z.minLength(8))),
  CONSOLE_ORIGIN: z.optional(z.string().check(z.minLength(8))),
  /** The KMS key of the unit seal (upward reports), and the KMS key of the audit digests. */
  SEAL_KEY_ID: z.optional(z.string().check(z.minLength(1))),
  DIGEST_KEY_ID: z.optional(z.string().check(z.minLength(1))),
  /** Multiplies every per-client limit of the route table (many citizens behind one carrier address). */
  PER_CLIENT_LIMIT_SCALE: z._default(z.coerce.number().check(z.positive()), 1),
});

export type Config = z.infer<typeof ConfigSchema>;

let cached: Config | undefined;

export function config(): Config {
  cached ??= ConfigSchema.parse(process.env);
  return cached;
}

/** A setting a function needs: its absence is a deployment mistake, named. */
export function required<K extends keyof Config>(name: K): NonNullable<Config[K]> {
  const value = config()[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}
