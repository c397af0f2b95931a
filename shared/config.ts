import * as z from 'zod/mini';

/**
 * The one place that reads the environment. Read lazily and once, so a test
 * or the local platform can set the environment before the first use.
 */
const ConfigSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  AUDIT_TABLE_NAME: z.string().check(z.minLength(1)),
  /** Set only outside AWS: DynamoDB Local's address. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z._default(z.string(), 'cn-north-1'),
  /** The function's role credentials, which Lambda sets (shared/aws/sigv4.ts). Secret: never logged. */
  AWS_ACCESS_KEY_ID: z.optional(z.string()),
  AWS_SECRET_ACCESS_KEY: z.optional(z.string()),
  AWS_SESSION_TOKEN: z.optional(z.string()),
  /** The citizen photo bucket (reports and uploads functions). */
  PHOTOS_BUCKET: z.optional(z.string().check(z.minLength(3))),
  /** The audit digests (Object Lock, compliance mode): the hourly digester writes, audit:verify reads. */
  AUDIT_DIGEST_BUCKET: z.optional(z.string().check(z.minLength(3))),
  /** Set only outside AWS: the local S3's address. */
  S3_ENDPOINT: z.optional(z.url()),
  /** Where SNS sends SMS from, when not this function's own region (`-c smsRegion=`). */
  SMS_REGION: z.optional(z.string().check(z.minLength(1))),
  /** SMS sender ID and origination number, only where the destination takes them (README, SMS). */
  SMS_SENDER_ID: z.optional(z.string().check(z.minLength(1))),
  SMS_ORIGINATION_NUMBER: z.optional(z.string().check(z.minLength(1))),
  /** The secret that keys verification-code hashes: the key itself outside AWS, or the ARN of its secret. */
  PHONE_CODE_KEY: z.optional(z.string().check(z.minLength(16))),
  PHONE_CODE_SECRET_ARN: z.optional(z.string().check(z.minLength(20))),
  /** The account directory: the Cognito user pool deployed, a local table (with its mail outbox) locally. */
  USER_POOL_ID: z.optional(z.string().check(z.minLength(1))),
  DIRECTORY_TABLE: z.optional(z.string().check(z.minLength(3))),
  MAIL_OUTBOX_FILE: z.optional(z.string().check(z.minLength(1))),
  /** The seal key of upward reports: a KMS key id or ARN deployed, a local key file locally. */
  SEAL_KEY_ID: z.optional(z.string().check(z.minLength(1))),
  SEAL_KEY_FILE: z.optional(z.string().check(z.minLength(1))),
  /** Multiplies every per-client limit of the route table (many citizens behind one carrier address). */
  PER_CLIENT_LIMIT_SCALE: z._default(z.coerce.number().check(z.positive()), 1),
  /** Set only in tests: a stand-in SNS's address (test/support/sms.ts). */
  SNS_ENDPOINT: z.optional(z.url()),
  /** Set only outside AWS: SMS are appended to this file instead of sent. */
  SMS_OUTBOX_FILE: z.optional(z.string().check(z.minLength(1))),
});

export type Config = z.infer<typeof ConfigSchema>;

let cached: Config | undefined;

export function config(): Config {
  cached ??= ConfigSchema.parse(process.env);
  return cached;
}
