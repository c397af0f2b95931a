import {
  dispatchStatus,
  type Dispatch,
  type DispatchView,
  type ReceptionProblem,
} from '../domain/dispatches.ts';
import { dispatchFigures, type OutcomeCounts } from '../domain/receiptOutcomes.ts';
import { isLate, type Receipt } from '../domain/receipts.ts';
import { supervisionOf, worstSupervision } from '../domain/supervision.ts';
import { maskPersonalNumbers } from '../domain/personalNumbers.ts';
import { PUBLIC_PHOTO_STATE, type Report, type ReportUpdate } from '../domain/reports.ts';
import { feedbackWanted, type CitizenFeedback } from '../domain/workOrders.ts';
import { photoKey } from '../aws/objectKeys.ts';
import type { ObjectStore } from '../aws/s3.ts';
import { onDutyAt, type DutyRoster } from '../domain/duty.ts';
import {
  seesWholeNumbers,
  type PhoneRequest,
  type RegisteredPhone,
} from '../domain/phoneRegistry.ts';
import { maskPhone } from '../domain/phones.ts';
import type { Principal } from '../domain/principal.ts';

/** The JSON shapes of API.md, built from domain records. */

export const dispatchSummary = (
  dispatch: Omit<Dispatch, 'body' | 'recipients'> & { recipientCount: number; copyCount: number },
) => ({
  id: dispatch.id,
  kind: dispatch.kind,
  title: dispatch.title,
  status: dispatchStatus(dispatch),
  ...(dispatch.docNumber ? { docNumber: dispatch.docNumber } : {}),
  urgency: dispatch.urgency ?? 'normal',
  sentAt: dispatch.sentAt,
  ackDueAt: dispatch.ackDueAt,
  ...(dispatch.respondBy ? { respondBy: dispatch.respondBy } : {}),
  recipientCount: dispatch.recipientCount,
  copyCount: dispatch.copyCount,
});

/** A dispatch's counts of main recipients and copies, as the lists keep them. */
export const withCounts = (dispatch: Dispatch) => ({
  ...dispatch,
  recipientCount: dispatch.recipients.length,
  copyCount: dispatch.copyTo?.length ?? 0,
});

export const receiptView = (receipt: Receipt, now: Date, problems: ReceptionProblem[] = []) => ({
  dispatchId: receipt.dispatchId,
  unitId: receipt.unitId,
  role: receipt.role ?? 'main',
  status: receipt.status,
  ackDueAt: receipt.ackDueAt,
  ...(receipt.respondBy ? { respondBy: receipt.respondBy } : {}),
  ...(receipt.acknowledgedAt
    ? { acknowledgedAt: receipt.acknowledgedAt, acknowledgedBy: receipt.acknowledgedBy }
    : {}),
  ...(receipt.respondedAt
    ? {
        respondedAt: receipt.respondedAt,
        respondedBy: receipt.respondedBy,
        answeredBy: receipt.respondedBy,
      }
    : {}),
  ...(receipt.answer ? { answer: receipt.answer } : {}),
  ...(receipt.upwardId ? { upwardId: receipt.upwardId } : {}),
  ...(receipt.recalledAt ? { recalledAt: receipt.recalledAt } : {}),
  ...(receipt.urgedAt ? { urgedAt: receipt.urgedAt } : {}),
  problems: problems.filter((problem) => problem.unitId === receipt.unitId).map(problemView),
  ...(receipt.noPhoneToRemind ? { noPhoneToRemind: true } : {}),
  ...(receipt.downloadedAt ? { downloadedAt: receipt.downloadedAt } : {}),
  late: isLate(receipt, now),
  supervision: supervisionOf(receipt, now),
});

export const inboxItem = (receipt: Receipt, now: Date) => ({
  dispatchId: receipt.dispatchId,
  kind: receipt.kind,
  title: receipt.title,
  role: receipt.role ?? 'main',
  ...(receipt.docNumber ? { docNumber: receipt.docNumber } : {}),
  urgency: receipt.urgency ?? 'normal',
  ...(receipt.recalledAt ? { recalledAt: receipt.recalledAt } : {}),
  sentAt: receipt.sentAt,
  ackDueAt: receipt.ackDueAt,
  ...(receipt.respondBy ? { respondBy: receipt.respondBy } : {}),
  status: receipt.status,
  late: isLate(receipt, now),
  supervision: supervisionOf(receipt, now),
});

export const problemView = (problem: ReceptionProblem) => ({
  id: problem.id,
  dispatchId: problem.dispatchId,
  unitId: problem.unitId,
  description: problem.description,
  contactName: problem.contactName,
  contactPhone: problem.contactPhone,
  reportedAt: problem.reportedAt,
  status: problem.status ?? 'open',
  ...(problem.resolution
    ? {
        resolution: problem.resolution,
        resolvedAt: problem.resolvedAt,
        resolvedBy: problem.resolvedBy,
      }
    : {}),
  attachments: problem.attachments ?? [],
});

export const dispatchView = (view: DispatchView, now: Date) => {
  const { dispatch } = view;
  return {
    ...dispatchSummary(withCounts(dispatch)),
    body: dispatch.body,
    senderUnit: dispatch.senderUnit,
    copyTo: dispatch.copyTo ?? [],
    ...(dispatch.draftedBy ? { draftedBy: dispatch.draftedBy } : {}),
    ...(dispatch.signedOffBy
      ? { signedOffBy: dispatch.signedOffBy, signedOffAt: dispatch.signedOffAt }
      : {}),
    ...(dispatch.recalledAt
      ? {
          recalledAt: dispatch.recalledAt,
          recalledBy: dispatch.recalledBy,
          recallReason: dispatch.recallReason,
        }
      : {}),
    attachments: dispatch.attachments ?? [],
    receipts: view.receipts.map((receipt) => receiptView(receipt, now, view.problems)),
    problems: view.problems.map(problemView),
    supervision: worstSupervision(view.receipts.map((receipt) => supervisionOf(receipt, now))),
  };
};

/** A line of the sent list (API.md "Overviews"): what it is, and how its units stand now. */
export const dispatchListItem = (
  dispatch: Omit<Dispatch, 'body' | 'recipients'> & { recipientCount: number; copyCount: number },
  counts: OutcomeCounts,
  now: Date,
) => ({
  ...dispatchSummary(dispatch),
  ...dispatchFigures(dispatch, counts, now),
  problems: counts['problems'] ?? 0,
});

/** What a citizen sees: status, public replies, photos that passed the check. Never a phone, a token hash or who replied. */
export async function publicReportView(
  report: Report,
  updates: ReportUpdate[],
  uploads: Pick<ObjectStore, 'link'>,
) {
  const attached = report.photos.filter((photo) => photo.state === 'attached');
  return {
    id: report.id,
    ...(report.number ? { number: report.number } : {}),
    serviceCode: report.serviceCode,
    status: report.status,
    createdAt: report.createdAt,
    ...(report.slaDueAt ? { dueAt: report.slaDueAt } : {}),
    feedbackWanted: feedbackWanted(report),
    ...(report.feedback ? { feedback: feedbackView(report.feedback) } : {}),
    photos: await Promise.all(
      attached.map(async (photo) => ({ url: await uploads.link(photoKey(report.id, photo.n)) })),
    ),
    photoStates: report.photos.map((photo) => ({
      n: photo.n,
      state: PUBLIC_PHOTO_STATE[photo.state],
    })),
    updates: updates.map(({ id, status, reply, at }) => ({
      id,
      ...(status ? { status } : {}),
      ...(reply ? { reply: maskPersonalNumbers(reply, { keepLandlines: true }) } : {}),
      at,
    })),
  };
}

const feedbackView = ({ resolvedAt: _which, comment, ...feedback }: CitizenFeedback) => ({
  ...feedback,
  ...(comment ? { comment: maskPersonalNumbers(comment) } : {}),
});

/**
 * What staff see: the report as its department works it (the API's `dueAt`
 * is when it should be resolved; the chase's own times stay inside), never
 * its token hash, with links to the photos that passed the check.
 */
export async function staffReportView(report: Report, uploads: Pick<ObjectStore, 'link'>) {
  const photos = await Promise.all(
    report.photos.map(async (photo) =>
      photo.state === 'attached'
        ? { ...photo, url: await uploads.link(photoKey(report.id, photo.n)) }
        : photo,
    ),
  );
  return {
    id: report.id,
    ...(report.number ? { number: report.number } : {}),
    serviceCode: report.serviceCode,
    unitId: report.unitId,
    description: report.description,
    lat: report.lat,
    lng: report.lng,
    ...(report.address ? { address: report.address } : {}),
    status: report.status,
    createdAt: report.createdAt,
    ...(report.slaDueAt ? { dueAt: report.slaDueAt } : {}),
    ...(report.firstReplyDueAt ? { firstReplyDueAt: report.firstReplyDueAt } : {}),
    ...(report.firstRepliedAt ? { firstRepliedAt: report.firstRepliedAt } : {}),
    ...(report.resolvedAt ? { resolvedAt: report.resolvedAt } : {}),
    supervision: report.supervision ?? 'none',
    ...(report.returned ? { returned: report.returned } : {}),
    ...(report.extension ? { extension: report.extension } : {}),
    ...(report.feedback ? { feedback: feedbackView(report.feedback) } : {}),
    ...(report.reopened ? { reopened: report.reopened } : {}),
    photos,
  };
}

/** A number as its viewer may see it: whole for the district administrator, masked for anyone else. */
const shownNumber = (viewer: Principal, phone: string) =>
  seesWholeNumbers(viewer) ? phone : maskPhone(phone);

/** A registered phone as its viewer may see it, never its code's hash. */
export const phoneView = (
  viewer: Principal,
  { verification: _secret, ...phone }: RegisteredPhone,
) => ({
  ...phone,
  phone: shownNumber(viewer, phone.phone),
});

export const phoneRequestView = (viewer: Principal, request: PhoneRequest) => ({
  ...request,
  phone: shownNumber(viewer, request.phone),
});

/**
 * A roster as its viewer may see it: each person on duty by phone id, with
 * the number (masked but for the district administrator) and the holder's
 * name to show. Sent back as it is, it saves unchanged.
 */
export function dutyView(
  viewer: Principal,
  unitId: string,
  roster: DutyRoster,
  phones: RegisteredPhone[],
) {
  const byId = new Map(phones.map((phone) => [phone.id, phone]));
  const person = (phoneId: string) => {
    const phone = byId.get(phoneId);
    return {
      phoneId,
      phone: phone ? shownNumber(viewer, phone.phone) : '',
      holderName: phone?.holderName ?? '',
    };
  };
  return {
    unitId,
    entries: roster.entries.map((entry) => ({
      ...person(entry.phoneId),
      from: entry.from,
      to: entry.to,
    })),
    weekly: roster.weekly.map((shift) => ({
      ...person(shift.phoneId),
      days: shift.days,
      from: shift.from,
      to: shift.to,
    })),
  };
}

/** Who is on duty at a moment (active phones only), and whether the office is at work then. */
export function onDutyView(
  viewer: Principal,
  at: Date,
  workingHours: boolean,
  roster: DutyRoster,
  phones: RegisteredPhone[],
) {
  const active = new Map(
    phones.filter((phone) => phone.status === 'active').map((phone) => [phone.id, phone]),
  );
  return {
    at: at.toISOString(),
    workingHours,
    onDuty: onDutyAt(roster, at).flatMap((id) => {
      const phone = active.get(id);
      return phone
        ? [{ holderName: phone.holderName, phone: shownNumber(viewer, phone.phone) }]
        : [];
    }),
  };
}
