import type { ObjectStore } from '../../shared/aws/s3.ts';
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
  const copied = await objects.copy({ key, etag: object.etag }, { key: target, reason });
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
