import { createDocumentClient } from '../shared/aws/dynamo.ts';
import { config, required } from '../shared/config.ts';
import type { SmsTemplate } from '../shared/domain/smsTemplates.ts';
import type { Platform } from '../shared/platform.ts';
import type { AliyunCredentials } from '../shared/sms/aliyun.ts';
import type { SmsSender } from '../shared/sms/sender.ts';
import type { DocumentClient } from '../shared/aws/dynamo.ts';
import { countRequest } from '../shared/store/rateLimits.ts';

/** A port: an object whose every member is an async method. */
type Port<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

/**
 * A port whose adapter is built on its first call: every method waits for
 * the adapter, then calls it. The adapter's module (and the SDK client it
 * imports) is a chunk of its own in the function's bundle
 * (infra/bundling.ts), which Node loads only then; a build that fails is
 * tried again on the next call.
 */
function onFirstUse<T extends Port<T>>(build: () => Promise<T>): T {
  let adapter: Promise<T> | undefined;
  const ready = () =>
    (adapter ??= build().catch((error: unknown) => {
      adapter = undefined;
      throw error;
    }));
  return new Proxy({} as T, {
    get:
      (_target, method) =>
      async (...args: never[]) =>
        (await ready())[method as keyof T](...args),
  });
}

/**
 * The composition root in AWS: the SDK's clients, configured from the
 * function's environment (shared/config.ts), with the role's credentials
 * from the SDK's own chain. DynamoDB is made at once (every function uses
 * it); every other client on first use, so a function loads only what its
 * requests call.
 */
export function lambdaPlatform(): Platform {
  const env = config();
  const region = env.AWS_REGION;
  const store = {
    db: createDocumentClient({ region: region ?? '' }),
    table: env.TABLE_NAME,
    auditTable: env.AUDIT_TABLE_NAME,
  };
  const s3 = async (bucket: string) => {
    const [{ S3Client }, { objectStore }] = await Promise.all([
      import('@aws-sdk/client-s3'),
      import('../shared/aws/s3.ts'),
    ]);
    return objectStore(new S3Client({ region }), bucket);
  };
  const kmsKey = async (keyId: string) => {
    const [{ KMSClient }, { kmsSealKey }] = await Promise.all([
      import('@aws-sdk/client-kms'),
      import('../shared/aws/sealKey.ts'),
    ]);
    return kmsSealKey(new KMSClient({ region }), keyId);
  };
  const phoneCodeSecret = onFirstUse(async () => {
    const [{ SecretsManagerClient }, { secretText }] = await Promise.all([
      import('@aws-sdk/client-secrets-manager'),
      import('../shared/aws/secrets.ts'),
    ]);
    return {
      read: secretText(new SecretsManagerClient({ region }), required('PHONE_CODE_SECRET_ARN')),
    };
  });
  const sms: SmsSender = onFirstUse(async () => {
    if (env.SMS_PROVIDER === 'aliyun') {
      const [{ SecretsManagerClient }, { secretText }, { aliyunSmsSender }] = await Promise.all([
        import('@aws-sdk/client-secrets-manager'),
        import('../shared/aws/secrets.ts'),
        import('../shared/sms/aliyun.ts'),
      ]);
      const pair = secretText(
        new SecretsManagerClient({ region }),
        required('SMS_GATEWAY_SECRET_ARN'),
      );
      return aliyunSmsSender(async () => JSON.parse(await pair()) as AliyunCredentials, {
        signName: required('SMS_SIGN_NAME'),
        templateCodes: JSON.parse(required('SMS_TEMPLATE_CODES')) as Record<SmsTemplate, string>,
      });
    }
    const [{ SNSClient }, { snsSmsSender }] = await Promise.all([
      import('@aws-sdk/client-sns'),
      import('../shared/sms/sns.ts'),
    ]);
    return snsSmsSender(new SNSClient({ region: env.SMS_REGION ?? region, maxAttempts: 4 }), {
      senderId: env.SMS_SENDER_ID,
      originationNumber: env.SMS_ORIGINATION_NUMBER,
    });
  });
  const originSecret = env.ORIGIN_VERIFY_SECRET_ARN;
  return {
    store,
    ...(originSecret
      ? {
          edge: onFirstUse(async () => {
            const [{ SecretsManagerClient }, { originVerifier }] = await Promise.all([
              import('@aws-sdk/client-secrets-manager'),
              import('../shared/aws/secrets.ts'),
            ]);
            return originVerifier(new SecretsManagerClient({ region }), originSecret);
          }),
        }
      : {}),
    requests: {
      count: (counter) => countRequest(store, counter),
      limitScale: env.PER_CLIENT_LIMIT_SCALE,
    },
    sms,
    directory: onFirstUse(async () => {
      if (env.IDENTITY_TABLE_NAME)
        return identityDirectory({ db: store.db, table: env.IDENTITY_TABLE_NAME }, sms);
      const [{ CognitoIdentityProviderClient }, { cognitoDirectory }] = await Promise.all([
        import('@aws-sdk/client-cognito-identity-provider'),
        import('../shared/aws/cognitoDirectory.ts'),
      ]);
      return cognitoDirectory(
        new CognitoIdentityProviderClient({ region }),
        required('USER_POOL_ID'),
      );
    }),
    sealKey: onFirstUse(() => kmsKey(required('SEAL_KEY_ID'))),
    digestKey: onFirstUse(() => kmsKey(required('DIGEST_KEY_ID'))),
    phoneCodeKey: async () => Buffer.from(await phoneCodeSecret.read(), 'utf8'),
    uploads: onFirstUse(() => s3(required('PHOTOS_BUCKET'))),
    digests: onFirstUse(async () => {
      const { digestStore } = await import('../shared/aws/auditDigests.ts');
      return digestStore(await s3(required('AUDIT_DIGEST_BUCKET')));
    }),
  };
}

/**
 * The platform's own directory (`-c identity=platform`, where Cognito is not
 * offered): accounts in the identity table; a new account's temporary
 * password is texted to its phone (no Cognito to mail it, and no SES in the
 * China regions), so an account without a phone is refused before anything
 * is written.
 */
export async function identityDirectory(
  table: { db: DocumentClient; table: string },
  sms: SmsSender,
) {
  const [{ tableDirectory }, { accountOpenedSms }, { ValidationError }] = await Promise.all([
    import('../shared/store/directory.ts'),
    import('../shared/domain/smsTemplates.ts'),
    import('../shared/errors.ts'),
  ]);
  return tableDirectory(table, {
    check: (account) => {
      if (!account.phone)
        throw new ValidationError('临时密码以短信发送：请填写本人手机号', [
          { field: 'phone', message: '必填' },
        ]);
    },
    send: (account, password) => sms.send(account.phone ?? '', accountOpenedSms(password)),
  });
}
