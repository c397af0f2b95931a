import * as z from 'zod/mini';
import { Cursor, Day, Page, Text } from './common.ts';

export const ReceptionQuery = z.object({
  from: Day,
  to: Day,
  /** The same table as a download: CSV (UTF-8 with BOM) or an Excel workbook. */
  format: z.optional(z.enum(['json', 'csv', 'xlsx'])),
});

export const ReceptionRowView = z.object({
  unitId: z.string(),
  name: z.string(),
  received: z.int(),
  acknowledgedOnTime: z.int(),
  acknowledgedLate: z.int(),
  missed: z.int(),
  /** Past its deadline and still open at the end of the range (逾期未办结). */
  overdue: z.int(),
  answeredOnTime: z.int(),
  answeredLate: z.int(),
  problems: z.int(),
});

export const ReceptionTableView = z.object({
  from: z.string(),
  to: z.string(),
  units: z.array(ReceptionRowView),
});

export const BulletinBody = z.strictObject({
  title: Text(200),
  from: Day,
  to: Day,
  remarks: z.optional(Text(5000)),
});

export const BulletinSummaryView = z.object({
  id: z.string(),
  title: z.string(),
  from: z.string(),
  to: z.string(),
  publishedAt: z.string(),
});

/** A published bulletin: its figures frozen as they were when it was published. */
export const BulletinView = z.object({
  ...BulletinSummaryView.shape,
  remarks: z.optional(z.string()),
  publishedBy: z.string(),
  units: z.array(ReceptionRowView),
});

export const BulletinQuery = z.object({ cursor: z.optional(Cursor) });
export const BulletinPage = Page(BulletinSummaryView);
