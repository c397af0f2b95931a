import { auditEntry, auditTarget, type AuditEntry } from './audit.ts';
import type { Principal } from './principal.ts';
import type { ReceptionRow } from './reception.ts';

/** A published bulletin (通报, Art20): a title, remarks and the figures of a range, frozen. */
export interface Bulletin {
  id: string;
  title: string;
  from: string;
  to: string;
  remarks?: string;
  publishedAt: string;
  /** The unit that published it (the district office). */
  publishedBy: string;
  publishedBySub: string;
  units: ReceptionRow[];
}

/** The bulletin the district office publishes, and its audit record. */
export function newBulletin(
  request: { title: string; from: string; to: string; remarks?: string | undefined },
  units: ReceptionRow[],
  actor: Principal,
  { id, now }: { id: string; now: Date },
): { bulletin: Bulletin; audit: AuditEntry } {
  const bulletin: Bulletin = {
    id,
    title: request.title,
    from: request.from,
    to: request.to,
    ...(request.remarks ? { remarks: request.remarks } : {}),
    publishedAt: now.toISOString(),
    publishedBy: actor.unitId,
    publishedBySub: actor.sub,
    units,
  };
  return {
    bulletin,
    audit: auditEntry('bulletin.publish', auditTarget.bulletin(id), actor, now, {
      from: request.from,
      to: request.to,
    }),
  };
}
