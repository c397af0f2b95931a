import * as z from 'zod/mini';
import { Cursor, Page, Time } from './common.ts';

/** The audit search (API.md "Accountability"): by target, actor and time, newest first. */
export const AuditQuery = z.object({
  /** What was changed, as the audit names it: `DISPATCH#…`, `UNIT#health`, `ACCOUNT#…`. */
  target: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
  /** Who did it: the person's `sub`. */
  actor: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  from: z.optional(Time),
  to: z.optional(Time),
  cursor: z.optional(Cursor),
});

export const AuditRecordView = z.object({
  at: z.string(),
  action: z.string(),
  target: z.string(),
  actorSub: z.string(),
  actorUnit: z.string(),
  sourceIp: z.optional(z.string()),
  details: z.optional(z.record(z.string(), z.unknown())),
});

export const AuditPage = Page(AuditRecordView);
