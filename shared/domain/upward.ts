import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { Receipt } from './receipts.ts';
import type { AttachmentRef } from './attachments.ts';
import { auditEntry, auditTarget, type AuditAction, type AuditEntry } from './audit.ts';
import { hasAnyGroup, personName, type Principal } from './principal.ts';
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
export const UPWARD_STATUSES = [
  'pending-approval',
  'returned',
  'submitted',
  'received',
  /** 批复: the district office answered a 请示. */
  'replied',
] as const;
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
  reply?: UpwardReply;
}

/** 批复: the district office's answer to a unit's 请示, with its files. */
export interface UpwardReply {
  body: string;
  attachments: AttachmentRef[];
  repliedAt: string;
  repliedBy: string;
}

/** What the district office sees: a report once its unit's head sealed it. */
export const SEEN_BY_DISTRICT: readonly UpwardStatus[] = ['submitted', 'received', 'replied'];

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
  return hasAnyGroup(principal, ['district-office']) && SEEN_BY_DISTRICT.includes(report.status);
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

/**
 * A feedback report answers the request it cites (Art9.3): one this unit
 * received, as a main recipient, still owing its answer. Anything else is a
 * mistake in the report (400), found before the head seals it.
 */
export function refuseUnanswerable(
  request: Pick<UpwardRequest, 'kind' | 'dispatchId'>,
  receipt: Receipt | undefined,
): void {
  if (request.kind !== 'feedback') return;
  const problem = !receipt
    ? '本单位没有收到这份来文'
    : receipt.kind !== 'feedback' || receipt.role === 'copy'
      ? '这份来文不需要反馈'
      : receipt.recalledAt
        ? '这份来文已被撤回'
        : receipt.status === 'responded'
          ? '这份来文已经反馈过了'
          : undefined;
  if (problem)
    throw new ValidationError(`反馈所答复的来文不对：${problem}`, [
      { field: 'dispatchId', message: problem },
    ]);
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

/**
 * 批复 (Art9): the district office answers a unit's 请示 once it is
 * submitted; the unit reads the reply with the report. Once only.
 */
export function repliedUpward(
  report: UpwardReport,
  office: Principal,
  now: Date,
  given: { body: string; attachments: AttachmentRef[] },
): UpwardChange {
  if (!canReadUpward(office, report)) throw new NotFoundError('上报不存在');
  if (report.kind !== 'request') throw new ConflictError('只有请示需要批复');
  if (report.status === 'replied') throw new ConflictError('这份请示已经批复过了');
  const at = now.toISOString();
  const replied: UpwardReport = {
    ...report,
    status: 'replied',
    reply: { ...given, repliedAt: at, repliedBy: personName(office) },
    updatedAt: at,
  };
  return {
    from: report.status,
    report: replied,
    audit: audited('upward.reply', replied, office, now),
  };
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
  if (report.status === 'received' || report.status === 'replied') return undefined;
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
