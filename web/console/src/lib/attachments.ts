import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '../../../../shared/domain/attachments.ts';
import { api, authorizedFetch } from './api.ts';
import { saveFile } from './download.ts';
import type { AttachmentCreated, AttachmentRef, AttachmentView } from './api-types.ts';

/** What the file picker offers: the types the API takes, by extension and by type. */
export const ACCEPT = [
  ...Object.values(ATTACHMENT_TYPES).map(
    (extension) => `.${extension === 'jpeg' ? 'jpg' : extension}`,
  ),
  '.jpeg',
  ...Object.keys(ATTACHMENT_TYPES),
].join(',');
export const MAX_BYTES = MAX_ATTACHMENT_BYTES;

/** The type the API knows a file by: the browser's, else its extension's (.ofd has none in browsers). */
export function contentTypeOf(file: File): string | undefined {
  if (file.type in ATTACHMENT_TYPES) return file.type;
  const extension = file.name.split('.').pop()?.toLowerCase();
  const normal = extension === 'jpg' ? 'jpeg' : extension;
  return Object.entries(ATTACHMENT_TYPES).find(([, known]) => known === normal)?.[0];
}

const CHECK_POLL_MS = 1_000;
const CHECK_GIVE_UP_MS = 120_000;

/**
 * Uploads a file as API.md says: declare it, post it to the signed form,
 * and wait while the platform checks its real bytes. Resolves to the
 * file as checked: `ready`, or `rejected` with the reason.
 */
export async function uploadAttachment(file: File): Promise<AttachmentView> {
  const contentType = contentTypeOf(file);
  const created = await api<AttachmentCreated>('POST', '/attachments', {
    name: file.name,
    contentType,
    size: file.size,
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(created.upload.fields)) form.append(name, value);
  form.append('file', file);
  const posted = await fetch(created.upload.url, { method: 'POST', body: form });
  if (!posted.ok) throw new Error(`上传失败（${posted.status}），请重试`);
  const giveUpAt = Date.now() + CHECK_GIVE_UP_MS;
  for (;;) {
    const view = await api<AttachmentView>('GET', `/attachments/${created.id}`);
    if (view.status !== 'pending') return view;
    if (Date.now() > giveUpAt) throw new Error('文件检查超时，请重新上传');
    await new Promise((resolve) => setTimeout(resolve, CHECK_POLL_MS));
  }
}

/**
 * Downloads a file under its own name: the API's 302 leads to a link of
 * the bucket, valid 5 minutes; the first download of a recipient unit is
 * recorded on its receipt.
 */
export async function downloadAttachment(file: Pick<AttachmentRef, 'id' | 'name'>): Promise<void> {
  const response = await authorizedFetch('GET', `/attachments/${file.id}/download`);
  saveFile(await response.blob(), file.name);
}

/** A size as people read it. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / 1024 / 1024, 'MB'];
  return `${Number(value.toFixed(1))} ${unit}`;
}
