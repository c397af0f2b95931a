import { config } from '../config.ts';
import { jsonService } from './awsCall.ts';

let key: Promise<Uint8Array> | undefined;

/**
 * The secret that keys verification-code hashes: PHONE_CODE_KEY outside AWS
 * (the local platform keeps one in `.local/`), else the Secrets Manager
 * secret PHONE_CODE_SECRET_ARN names, read once per cold start. Only the
 * functions that register or verify numbers ask for it, and only then is
 * Secrets Manager called (`secretsmanager.GetSecretValue`, shared/aws/awsCall.ts).
 */
export function phoneCodeKey(): Promise<Uint8Array> {
  key ??= readKey().catch((error: unknown) => {
    key = undefined;
    throw error;
  });
  return key;
}

async function readKey(): Promise<Uint8Array> {
  const { PHONE_CODE_KEY, PHONE_CODE_SECRET_ARN, AWS_REGION } = config();
  if (PHONE_CODE_KEY) return Buffer.from(PHONE_CODE_KEY, 'utf8');
  if (!PHONE_CODE_SECRET_ARN)
    throw new Error('neither PHONE_CODE_KEY nor PHONE_CODE_SECRET_ARN is set');
  const secrets = jsonService({
    name: 'secretsmanager',
    target: 'secretsmanager',
    jsonVersion: '1.1',
    region: AWS_REGION,
  });
  const { SecretString } = await secrets<{ SecretString?: string }>('GetSecretValue', {
    SecretId: PHONE_CODE_SECRET_ARN,
  });
  if (!SecretString) throw new Error('the phone code secret is empty');
  return Buffer.from(SecretString, 'utf8');
}
