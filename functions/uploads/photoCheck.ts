import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  type S3Client,
} from '@aws-sdk/client-s3';
import { copyChecked } from '../../shared/aws/s3.ts';
import { photoKey, quarantineKey } from '../../shared/aws/s3Links.ts';
import { photoRefusal, SNIFF_BYTES } from '../../shared/domain/reports.ts';
import { logger } from '../../shared/observability/logger.ts';
import type { Store } from '../../shared/store/context.ts';
import { readReport, settlePhoto } from '../../shared/store/reports.ts';

export type PhotoVerdict = 'attached' | 'quarantined' | 'already settled' | 'gone' | 'superseded';

/**
 * Checks one upload under `incoming/{reportId}/{n}`: reads only its first
 * bytes (a ranged GET, whatever its size) and its real size, against what
 * the report declared. A good photo is copied to `photos/`, anything else to
 * `quarantine/` with its reason; then the incoming object is deleted. S3 may
 * deliver the event twice or late: the verdict is recorded once, and a later
 * delivery finds it settled (or the object gone) and changes nothing.
 *
 * The same form may be posted again while a check runs. The copy is made only
 * if the object still has the ETag of the bytes that were checked (and the
 * size read with them), and the delete removes only that version: a later
 * upload is never copied unchecked, nor deleted before its own event checks it.
 */
export async function checkUpload(
  { store, s3, bucket }: { store: Store; s3: S3Client; bucket: string },
  key: string,
): Promise<PhotoVerdict> {
  const match = /^incoming\/([0-9A-HJKMNP-TV-Z]{26})\/(\d)$/.exec(key);
  const [, reportId = 'unknown', slot = '-1'] = match ?? [];
  const n = Number(slot);

  let head: { firstBytes: Uint8Array; size: number; contentType: string | undefined };
  let checked: { etag: string | undefined; versionId: string | undefined };
  try {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${SNIFF_BYTES - 1}` }),
    );
    head = {
      firstBytes: (await object.Body?.transformToByteArray()) ?? new Uint8Array(),
      size: Number(/\/(\d+)$/.exec(object.ContentRange ?? '')?.[1] ?? object.ContentLength ?? 0),
      contentType: object.ContentType,
    };
    checked = { etag: object.ETag, versionId: object.VersionId };
  } catch (error) {
    if (error instanceof NoSuchKey) return 'gone';
    throw error;
  }

  const deleteChecked = () =>
    s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: checked.versionId }));
  const found = match ? await readReport(store, reportId) : undefined;
  const declared = found?.report.photos.find((photo) => photo.n === n);
  const reason = !found ? 'no such report' : photoRefusal(declared, head);
  if (declared && declared.state !== 'expected') {
    // A second delivery of an event already handled: only tidy up.
    await deleteChecked();
    return 'already settled';
  }

  const target =
    reason === undefined
      ? photoKey(reportId, n)
      : quarantineKey(match ? reportId : 'unknown', match ? n : Date.now());
  const copied = await copyChecked(
    s3,
    bucket,
    { key, etag: checked.etag },
    { key: target, reason },
  );
  if (copied === 'superseded') {
    logger.info('upload replaced while it was checked', { key });
    return 'superseded';
  }
  const settled =
    found && declared
      ? await settlePhoto(
          store,
          reportId,
          n,
          reason === undefined ? { state: 'attached' } : { state: 'quarantined', reason },
        )
      : true;
  await deleteChecked();
  if (reason !== undefined) logger.warn('photo quarantined', { key, reason });
  return !settled ? 'already settled' : reason === undefined ? 'attached' : 'quarantined';
}
