import { ulid } from 'ulid';
import { attachmentFileKey, attachmentUploadKey } from '../../shared/aws/objectKeys.ts';
import {
  AttachmentCreated,
  AttachmentView,
  CreateAttachmentBody,
  Redirect,
} from '../../shared/contract/attachments.ts';
import { IdParams } from '../../shared/contract/common.ts';
import { dispatchAccess } from '../../shared/domain/access.ts';
import {
  contentDisposition,
  newAttachment,
  type Attachment,
} from '../../shared/domain/attachments.ts';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import type { Principal } from '../../shared/domain/principal.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { createAttachment, getAttachment } from '../../shared/store/attachments.ts';
import type { Store } from '../../shared/store/context.ts';
import { readDispatchForUnit } from '../../shared/store/dispatches.ts';
import { recordFirstDownload } from '../../shared/store/receipts.ts';
import { canReadUpward } from '../../shared/domain/upward.ts';
import { readUpward } from '../../shared/store/upward.ts';

/**
 * Who may read a file: its uploader's unit, whoever may read an item that
 * carries it, and the one unit a file was sent to with the resolution of its
 * reception problem; for a recipient unit, the dispatches it received it by
 * (its first download is recorded there). Anyone else: not found.
 */
async function readerOf(
  store: Store,
  principal: Principal,
  id: string,
): Promise<{ attachment: Attachment; receivedBy: string[] }> {
  const attachment = await getAttachment(store, id);
  if (!attachment) throw new NotFoundError('附件不存在');
  let readable = attachment.unitId === principal.unitId;
  const receivedBy: string[] = [];
  for (const item of attachment.carriedBy ?? []) {
    const [kind, itemId = '', unitId] = item.split('#');
    if (kind === 'receipt') {
      // Sent to one recipient unit with the resolution of its reception problem.
      readable ||= unitId === principal.unitId;
    } else if (kind === 'dispatch') {
      const { dispatch, receipt } = await readDispatchForUnit(store, itemId, principal.unitId);
      const access = dispatch ? dispatchAccess(principal, dispatch, receipt) : 'none';
      if (access === 'own-receipt') receivedBy.push(itemId);
      readable ||= access !== 'none';
    } else if (kind === 'upward') {
      const report = await readUpward(store, itemId);
      readable ||= report !== undefined && canReadUpward(principal, report);
    }
  }
  if (!readable) throw new NotFoundError('附件不存在');
  return { attachment, receivedBy };
}

const view = ({ id, name, contentType, size, status, sha256, reason }: Attachment) => ({
  id,
  name,
  contentType,
  size,
  status,
  ...(sha256 ? { sha256 } : {}),
  ...(reason ? { reason } : {}),
});

export const attachments = apiRoutes('attachments', {
  'POST /attachments': defineRoute({
    body: CreateAttachmentBody,
    responses: { 201: AttachmentCreated },
    handle: async ({ body, principal, now }, { store, uploads }) => {
      const { attachment, audit } = newAttachment(body, principal, ulid(now.getTime()), now);
      await createAttachment(store, attachment, audit);
      // The form takes exactly the declared type and at most the declared size; the uploads check holds the size to the byte.
      const upload = await uploads.uploadForm(
        attachmentUploadKey(attachment.id),
        attachment.contentType,
        attachment.size,
      );
      return { status: 201, body: { id: attachment.id, upload } };
    },
  }),

  'GET /attachments/{id}': defineRoute({
    params: IdParams,
    responses: { 200: AttachmentView },
    handle: async ({ params, principal }, { store }) => {
      const { attachment } = await readerOf(store, principal, params.id);
      return { status: 200, body: view(attachment) };
    },
  }),

  'GET /attachments/{id}/download': defineRoute({
    params: IdParams,
    responses: { 302: Redirect },
    handle: async ({ params, principal, now }, { store, uploads }) => {
      const { attachment, receivedBy } = await readerOf(store, principal, params.id);
      if (attachment.status !== 'ready') throw new NotFoundError('附件尚未通过检查');
      await Promise.all(
        receivedBy.map((dispatchId) =>
          recordFirstDownload(
            store,
            dispatchId,
            principal.unitId,
            now.toISOString(),
            auditEntry('receipt.download', auditTarget.dispatch(dispatchId), principal, now, {
              unitId: principal.unitId,
              attachmentId: attachment.id,
            }),
          ),
        ),
      );
      const location = await uploads.link(attachmentFileKey(attachment.id), {
        disposition: contentDisposition(attachment.name),
        contentType: attachment.contentType,
      });
      return { status: 302, body: { location } };
    },
  }),
});
