import { S3Client } from '@aws-sdk/client-s3';
import { digestStore } from '../shared/aws/auditDigests.ts';
import { createDocumentClient } from '../shared/aws/dynamo.ts';
import { objectStore } from '../shared/aws/s3.ts';
import type { SmsSender } from '../shared/sms/sender.ts';
import type { Platform } from '../shared/platform.ts';
import { tableDirectory, type TableDirectory } from '../shared/store/directory.ts';
import { countRequest } from '../shared/store/rateLimits.ts';
import { fileSealKey } from './fileSealKey.ts';
import { outboxMailer, outboxSmsSender } from './outboxes.ts';

/** Everything the local platform runs on: the emulators' addresses, its tables, buckets and files. */
export interface LocalSettings {
  /** DynamoDB Local and the local S3 (s3rver). */
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** A name only: nothing local is in a region. */
  region: string;
  tables: { table: string; auditTable: string; directoryTable: string };
  buckets: { uploads: string; digests: string };
  files: { smsOutbox: string; mailOutbox: string; sealKey: string; digestKey: string };
  /** The secret that keys verification-code hashes. */
  phoneCodeKey: string;
  perClientLimitScale: number;
  /** Where SMS go: the outbox file unless told otherwise (the tests hand SNS's client mock to the real adapter). */
  sms?: SmsSender;
}

/**
 * The composition root of `npm start` (and of the integration tests): the
 * same SDK clients as in AWS, pointed at the emulators with their fixed
 * local credentials, and the local-only adapters — the SMS and mail
 * outboxes, the key files, the directory table — which no Lambda bundle
 * contains.
 */
export function localPlatform(settings: LocalSettings): Platform & { directory: TableDirectory } {
  const store = {
    db: createDocumentClient({ region: settings.region, endpoint: settings.dynamoEndpoint }),
    table: settings.tables.table,
    auditTable: settings.tables.auditTable,
  };
  const s3 = new S3Client({
    region: settings.region,
    endpoint: settings.s3Endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const phoneCodeKey = Buffer.from(settings.phoneCodeKey, 'utf8');
  const mail = outboxMailer(settings.files.mailOutbox);
  return {
    store,
    requests: {
      count: (counter) => countRequest(store, counter),
      limitScale: settings.perClientLimitScale,
    },
    sms: settings.sms ?? outboxSmsSender(settings.files.smsOutbox),
    directory: tableDirectory(
      { db: store.db, table: settings.tables.directoryTable },
      {
        send: (account, password) =>
          mail({
            to: account.email,
            subject: '新华区政务网账号',
            text: `${account.name}：您的账号 ${account.username} 已开通，临时密码 ${password}，首次登录须设置新密码。`,
          }),
      },
    ),
    sealKey: fileSealKey(settings.files.sealKey),
    digestKey: fileSealKey(settings.files.digestKey),
    phoneCodeKey: () => Promise.resolve(phoneCodeKey),
    uploads: objectStore(s3, settings.buckets.uploads),
    digests: digestStore(objectStore(s3, settings.buckets.digests)),
  };
}
