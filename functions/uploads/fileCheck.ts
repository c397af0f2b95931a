import { createHash } from 'node:crypto';
import type { ObjectStore } from '../../shared/aws/s3.ts';
import {
  attachmentFileKey,
  attachmentQuarantineKey,
  ObjectChangedError,
} from '../../shared/aws/objectKeys.ts';
import {
  centralDirectory,
  HEAD_BYTES,
  headVerdict,
  partNames,
  partsVerdict,
  ZIP_TAIL_BYTES,
  type Attachment,
} from '../../shared/domain/attachments.ts';
import { logger } from '../../shared/observability/logger.ts';
import type { Store } from '../../shared/store/context.ts';
import { getAttachment, settleAttachment } from '../../shared/store/attachments.ts';

export type FileVerdict = 'ready' | 'rejected' | 'already settled' | 'gone' | 'superseded';

const ULID = /^attachments\/incoming\/([0-9A-HJKMNP-TV-Z]{26})$/;

/**
 * Checks one upload under `attachments/incoming/{id}` against what was
 * declared: its size and type from a few ranged reads (the first 1 KiB; for
 * a ZIP container its end record and central directory, never the whole
 * file), then, if they pass, its SHA-256 in the one read of the whole
 * object, streamed. A good file is copied to `attachments/files/`, anything
 * else to `quarantine/attachments/` with its reason; the incoming object is
 * then deleted. As for photos, every read and the copy are tied to the ETag
 * first read, and a repeated or late event finds the verdict settled.
 */
export async function checkAttachment(
  { store, objects }: { store: Store; objects: ObjectStore },
  key: string,
): Promise<FileVerdict> {
  const id = ULID.exec(key)?.[1];
  const first = await objects.get(key, { range: [0, HEAD_BYTES - 1] });
  if (!first) return 'gone';
  const { etag, versionId, size } = first;
  // A later read of an object replaced since (another ETag) fails: nothing unchecked passes.
  const range = async (from: number, to: number) => {
    const part = await objects.get(key, { range: [from, to], ifMatch: etag });
    if (!part) throw new Error(`${key} is gone`);
    return part.bytes();
  };
  const head = await first.bytes();
  const deleteChecked = () => objects.delete(key, versionId);

  const attachment = id ? await getAttachment(store, id) : undefined;
  if (attachment && attachment.status !== 'pending') {
    await deleteChecked();
    return 'already settled';
  }

  let reason = !attachment ? '附件不存在' : declaredRefusal(attachment, size, first.contentType);
  let sha256: string | undefined;
  try {
    reason ??= await typeRefusal();
    sha256 = reason === undefined ? await digest() : undefined;
  } catch (error) {
    // Posted again while it was read: the new bytes are checked at their own event.
    if (error instanceof ObjectChangedError) return 'superseded';
    throw error;
  }

  const target =
    reason === undefined && id
      ? attachmentFileKey(id)
      : attachmentQuarantineKey(id ?? `unknown-${Date.now()}`);
  const copied = await objects.copy({ key, etag }, { key: target, reason });
  if (copied === 'superseded') {
    logger.info('attachment replaced while it was checked', { key });
    return 'superseded';
  }
  const settled =
    attachment && id
      ? await settleAttachment(
          store,
          id,
          sha256 !== undefined
            ? { status: 'ready', sha256 }
            : { status: 'rejected', reason: reason ?? '' },
        )
      : true;
  await deleteChecked();
  if (reason !== undefined) logger.warn('attachment quarantined', { key, reason });
  return !settled ? 'already settled' : reason === undefined ? 'ready' : 'rejected';

  /** The type from the bytes: the head, and for a ZIP container its part names. */
  async function typeRefusal(): Promise<string | undefined> {
    const contentType = (attachment as Attachment).contentType;
    const verdict = headVerdict(contentType, head);
    if (verdict === 'ok') return undefined;
    if (verdict !== 'zip') return verdict.reason;
    const tailFrom = Math.max(0, size - ZIP_TAIL_BYTES);
    const tail = await range(tailFrom, size - 1);
    const directory = centralDirectory(tail, size);
    if ('reason' in directory) return directory.reason;
    const entries =
      directory.offset >= tailFrom
        ? tail.subarray(directory.offset - tailFrom, directory.offset - tailFrom + directory.length)
        : await range(directory.offset, directory.offset + directory.length - 1);
    return partsVerdict(contentType, partNames(entries)).reason;
  }

  /** SHA-256 of the whole object, streamed: the one read of all of it. */
  async function digest(): Promise<string> {
    const whole = await objects.get(key, { ifMatch: etag });
    if (!whole) throw new Error(`${key} is gone`);
    const hash = createHash('sha256');
    for await (const chunk of whole.body) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }
}

function declaredRefusal(
  attachment: Attachment,
  size: number,
  contentType: string | undefined,
): string | undefined {
  if (size !== attachment.size) return `${size} bytes, not the ${attachment.size} declared`;
  if (contentType !== attachment.contentType)
    return `uploaded as ${contentType ?? 'no type'}, not ${attachment.contentType}`;
  return undefined;
}
