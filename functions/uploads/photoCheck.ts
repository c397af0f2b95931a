import { ObjectChangedError, photoKey, quarantineKey } from '../../shared/aws/objectKeys.ts';
import type { ObjectStore } from '../../shared/aws/s3.ts';
import { photoRefusal, SNIFF_BYTES } from '../../shared/domain/reports.ts';
import { logger } from '../../shared/observability/logger.ts';
import type { Store } from '../../shared/store/context.ts';
import { readReport, settlePhoto } from '../../shared/store/reports.ts';
import { reencodePhoto } from '../../shared/domain/photoEncoding.ts';

export type PhotoVerdict = 'attached' | 'quarantined' | 'already settled' | 'gone' | 'superseded';

/**
 * Checks one upload under `incoming/{reportId}/{n}`: first its first bytes
 * (a ranged GET, whatever its size) and its real size against what the
 * report declared; then a photo that passes is read whole, decoded and
 * encoded again (shared/domain/photoEncoding.ts), and only that copy is written to
 * `photos/`: nothing a client put in the file besides its pixels is ever
 * served. Anything else is copied to `quarantine/` with its reason. Then the
 * incoming object is deleted. S3 may deliver the event twice or late: the
 * verdict is recorded once, and a later delivery finds it settled (or the
 * object gone) and changes nothing.
 *
 * The same form may be posted again while a check runs. Every read after
 * the first, and the quarantine copy, holds to the ETag of the bytes first
 * read, and the delete removes only that version: a later upload is never
 * published unchecked, nor deleted before its own event checks it.
 */
export async function checkUpload(
  { store, objects }: { store: Store; objects: ObjectStore },
  key: string,
): Promise<PhotoVerdict> {
  const match = /^incoming\/([0-9A-HJKMNP-TV-Z]{26})\/(\d)$/.exec(key);
  const [, reportId = 'unknown', slot = '-1'] = match ?? [];
  const n = Number(slot);

  const object = await objects.get(key, { range: [0, SNIFF_BYTES - 1] });
  if (!object) return 'gone';
  const head = {
    firstBytes: await object.bytes(),
    size: object.size,
    contentType: object.contentType,
  };
  const deleteChecked = () => objects.delete(key, object.versionId);
  const found = match ? await readReport(store, reportId) : undefined;
  const declared = found?.report.photos.find((photo) => photo.n === n);
  let reason = !found ? '诉求不存在' : photoRefusal(declared, head);
  if (declared && declared.state !== 'expected') {
    // A second delivery of an event already handled: only tidy up.
    await deleteChecked();
    return 'already settled';
  }

  if (reason === undefined) {
    let published: Uint8Array | undefined;
    try {
      const whole = await objects.get(key, { ifMatch: object.etag });
      if (!whole) return 'gone';
      published = await reencodePhoto(await whole.bytes());
    } catch (error) {
      if (error instanceof ObjectChangedError) return 'superseded';
      reason = `the image cannot be decoded (${(error as Error).message})`;
    }
    if (published) await objects.put(photoKey(reportId, n), published, 'image/jpeg');
  }
  if (reason !== undefined) {
    const target = quarantineKey(match ? reportId : 'unknown', match ? n : Date.now());
    const copied = await objects.copy({ key, etag: object.etag }, { key: target, reason });
    if (copied === 'superseded') {
      logger.info('upload replaced while it was checked', { key });
      return 'superseded';
    }
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
