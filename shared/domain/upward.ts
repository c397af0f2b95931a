import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { AttachmentRef } from './attachments.ts';
import { auditEntry, auditTarget, type AuditAction, type AuditEntry } from './audit.ts';
import { hasAnyGroup, type Principal } from './principal.ts';
import {
  lowS,
  SEAL_ALG,
  SEAL_VERSION,
  sealDigest,
  sealedContentOf,
  toBase64url,
  type Seal,
} from './seal.ts';

/**
 * Upward reporting (Art9): a unit reports information, a request or the
 * feedback to a dispatch, with a contact person; its head approves, which
 * seals it; only then does the district office see it, and receives it.
 * A returned report is changed by its author and approved again.
 */
export const UPWARD_KINDS = ['info', 'request', 'feedback'] as const;
export const UPWARD_STATUSES = ['pending-approval', 'returned', 'submitted', 'received'] as const;
export type UpwardStatus = (typeof UPWARD_STATUSES)[number];
export const DISTRICT_OFFICE = 'district-office';

export interface UpwardRequest {
  kind: (typeof UPWARD_KINDS)[number];
  title: string;
  body: string;
  contactName: string;
  contactPhone: string;
  dispatchId?: string | undefined;
}

export interface UpwardReport extends Omit<UpwardRequest, 'dispatchId'> {
  id: string;
  unitId: string;
  dispatchId?: string;
  attachments: AttachmentRef[];
  status: UpwardStatus;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  returnedReason?: string;
  seal?: Seal;
  receivedAt?: string;
  receivedBy?: string;
}

/** A decided change and its audit record, written in one transaction on condition of `from`. */
export interface UpwardChange {
  from: UpwardStatus;
  report: UpwardReport;
  audit: AuditEntry;
}

/** The signer of seals: a KMS key deployed, a local key locally (shared/aws/sealKey.ts). */
export interface SealSigner {
  kid(): Promise<string>;
  /** ES256 over the 32 bytes: the 64-byte r‖s signature. */
  sign(digest: Uint8Array): Promise<Uint8Array>;
}

/** Who reads a report: its own unit; the district office once it is submitted. */
export function canReadUpward(
  principal: Principal,
  report: Pick<UpwardReport, 'unitId' | 'status'>,
): boolean {
  if (principal.unitId === report.unitId) return true;
  return (
    hasAnyGroup(principal, ['district-office']) &&
    (report.status === 'submitted' || report.status === 'received')
  );
}

const audited = (action: AuditAction, report: UpwardReport, actor: Principal, now: Date) =>
  auditEntry(action, auditTarget.upward(report.id), actor, now, {
    unitId: report.unitId,
    status: report.status,
  });

function checked(request: UpwardRequest) {
  if (request.kind === 'feedback' && !request.dispatchId)
    throw new ConflictError('反馈须注明所答复的来文（dispatchId）', [
      { field: 'dispatchId', message: '反馈类文件必填' },
    ]);
  const { dispatchId, ...rest } = request;
  return { ...rest, ...(dispatchId ? { dispatchId } : {}) };
}

export function newUpward(
  request: UpwardRequest,
  author: Principal,
  context: { id: string; now: Date; attachments: AttachmentRef[] },
): { report: UpwardReport; audit: AuditEntry } {
  if (author.unitId === DISTRICT_OFFICE)
    throw new ForbiddenError('区政府办公室接收上报，不向自己上报');
  const at = context.now.toISOString();
  const report: UpwardReport = {
    id: context.id,
    unitId: author.unitId,
    ...checked(request),
    attachments: context.attachments,
    status: 'pending-approval',
    createdAt: at,
    createdBy: author.sub,
    updatedAt: at,
  };
  return { report, audit: audited('upward.create', report, author, context.now) };
}

/** The author changes a returned report; it awaits approval again. */
export function editedUpward(
  report: UpwardReport,
  request: UpwardRequest,
  author: Principal,
  context: { now: Date; attachments: AttachmentRef[] },
): UpwardChange {
  if (report.unitId !== author.unitId) throw new NotFoundError('上报不存在');
  if (report.createdBy !== author.sub) throw new ForbiddenError('只有撰写人可以修改上报');
  if (report.status !== 'returned')
    throw new ConflictError('只有被退回的上报可以修改；这份上报的状态是 ' + report.status);
  const { returnedReason: _reason, dispatchId: _dispatch, ...kept } = report;
  const changed: UpwardReport = {
    ...kept,
    ...checked(request),
    attachments: context.attachments,
    status: 'pending-approval',
    updatedAt: context.now.toISOString(),
  };
  return {
    from: 'returned',
    report: changed,
    audit: audited('upward.update', changed, author, context.now),
  };
}

function headOf(report: UpwardReport, head: Principal): void {
  if (report.unitId !== head.unitId) throw new NotFoundError('上报不存在');
  if (!hasAnyGroup(head, ['unit-head'])) throw new ForbiddenError('只有单位主要负责人可以批准');
  if (report.status !== 'pending-approval') throw new ConflictError(`这份上报不在待批准状态`);
}

/** The head approves: the report is sealed and submitted (Art9). */
export async function approvedUpward(
  report: UpwardReport,
  head: Principal,
  now: Date,
  signer: SealSigner,
): Promise<UpwardChange> {
  headOf(report, head);
  const stamp = { approvedBy: head.sub, sealedAt: now.toISOString() };
  const digest = await sealDigest(sealedContentOf(report, stamp));
  const [kid, signature] = await Promise.all([signer.kid(), signer.sign(digest)]);
  const sealed: UpwardReport = {
    ...report,
    status: 'submitted',
    updatedAt: stamp.sealedAt,
    seal: {
      v: SEAL_VERSION,
      alg: SEAL_ALG,
      kid,
      digest: toBase64url(digest),
      signature: toBase64url(lowS(signature)),
      ...stamp,
    },
  };
  return {
    from: 'pending-approval',
    report: sealed,
    audit: audited('upward.approve', sealed, head, now),
  };
}

export function returnedUpward(
  report: UpwardReport,
  head: Principal,
  reason: string,
  now: Date,
): UpwardChange {
  headOf(report, head);
  const returned: UpwardReport = {
    ...report,
    status: 'returned',
    returnedReason: reason,
    updatedAt: now.toISOString(),
  };
  return {
    from: 'pending-approval',
    report: returned,
    audit: audited('upward.return', returned, head, now),
  };
}

/** The district office receives a submitted report; receiving it again changes nothing. */
export function receivedUpward(
  report: UpwardReport,
  office: Principal,
  now: Date,
): UpwardChange | undefined {
  if (!canReadUpward(office, report)) throw new NotFoundError('上报不存在');
  if (report.status === 'received') return undefined;
  const received: UpwardReport = {
    ...report,
    status: 'received',
    receivedAt: now.toISOString(),
    receivedBy: office.sub,
    updatedAt: now.toISOString(),
  };
  return {
    from: 'submitted',
    report: received,
    audit: audited('upward.receive', received, office, now),
  };
}
