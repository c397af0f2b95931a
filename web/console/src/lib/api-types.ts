/**
 * The API's shapes, from the very zod schemas the handlers validate with and
 * the OpenAPI document is built from (shared/contract): never retyped here.
 * Types only: nothing of the contract reaches the browser bundle.
 */
import type * as z from 'zod/mini';
import type * as accounts from '../../../../shared/contract/accounts.ts';
import type * as attachments from '../../../../shared/contract/attachments.ts';
import type * as audit from '../../../../shared/contract/audit.ts';
import type * as bulletins from '../../../../shared/contract/bulletins.ts';
import type * as dispatches from '../../../../shared/contract/dispatches.ts';
import type * as phones from '../../../../shared/contract/phones.ts';
import type * as receipts from '../../../../shared/contract/receipts.ts';
import type * as reports from '../../../../shared/contract/reports.ts';
import type * as settings from '../../../../shared/contract/settings.ts';
import type * as units from '../../../../shared/contract/units.ts';
import type * as upward from '../../../../shared/contract/upward.ts';
import type * as articles from '../../../../shared/contract/articles.ts';
import type * as questions from '../../../../shared/contract/questions.ts';
import type { ErrorBody } from '../../../../shared/errors.ts';

export type { ErrorBody };
export type Unit = z.output<typeof units.UnitView>;
export type UnitList = z.output<typeof units.UnitList>;

export type DispatchKind = z.output<typeof dispatches.DispatchKind>;
export type DispatchStatus = z.output<typeof dispatches.DispatchStatus>;
export type Urgency = z.output<typeof dispatches.Urgency>;
export type Deadlines = z.input<typeof dispatches.DeadlineBody>;
export type Resolution = z.input<typeof dispatches.ResolveBody>;
export type Urged = z.output<typeof dispatches.UrgeView>;
export type CreateDispatch = z.input<typeof dispatches.CreateDispatchBody>;
export type DispatchSummary = z.output<typeof dispatches.DispatchSummary>;
export type DispatchView = z.output<typeof dispatches.DispatchView>;
export type ReceiptView = z.output<typeof dispatches.ReceiptView>;
export type Supervision = z.output<typeof dispatches.Supervision>;
export type DispatchPage = z.output<typeof dispatches.DispatchPage>;
export type DispatchListItem = z.output<typeof dispatches.DispatchListItem>;
export type InboxPage = z.output<typeof dispatches.InboxPage>;
export type InboxItem = z.output<typeof dispatches.InboxItem>;
export type Answer = z.input<typeof receipts.AnswerBody>;
export type Problem = z.input<typeof receipts.ProblemBody>;
export type ProblemView = z.output<typeof dispatches.ProblemView>;

export type UnitPhones = z.output<typeof phones.UnitPhones>;
export type PhoneView = z.output<typeof phones.PhoneView>;
export type NewPhone = z.input<typeof phones.PhoneBody>;
export type PhoneRequest = z.output<typeof phones.PhoneRequestView>;
export type PhoneRequestList = z.output<typeof phones.PhoneRequestList>;
export type DutyChange = z.input<typeof phones.DutyBody>;
export type DutyView = z.output<typeof phones.DutyView>;
export type OnDutyView = z.output<typeof phones.OnDutyView>;

export type ReminderSettings = z.output<typeof settings.ReminderSettingsBody>;
export type DistrictCalendar = z.output<typeof settings.CalendarBody>;

export type StaffReport = z.output<typeof reports.StaffReport>;
/** A report with its updates, oldest first. */
export type UpdatedReport = z.output<typeof reports.UpdatedReport>;
export type ReportPage = z.output<typeof reports.ReportPage>;
export type ReportUpdate = z.input<typeof reports.ReportUpdateBody>;
export type Service = z.output<typeof reports.ServiceView>;
export type ServiceList = z.output<typeof reports.ServiceList>;
export type ServiceChange = z.input<typeof reports.ServiceBody>;

export type Account = z.output<typeof accounts.AccountView>;
export type AccountList = z.output<typeof accounts.AccountList>;
export type NewAccount = z.input<typeof accounts.CreateAccountBody>;

export type AttachmentView = z.output<typeof attachments.AttachmentView>;
export type AttachmentCreated = z.output<typeof attachments.AttachmentCreated>;
export type AttachmentRef = z.output<typeof attachments.AttachmentRefView>;

export type UpwardKind = z.output<typeof upward.UpwardCreated>['kind'];
export type UpwardStatus = z.output<typeof upward.UpwardCreated>['status'];
export type UpwardSummary = z.output<typeof upward.UpwardCreated>;
export type UpwardView = z.output<typeof upward.UpwardView>;
export type UpwardPage = z.output<typeof upward.UpwardPage>;
export type UpwardInput = z.input<typeof upward.UpwardBody>;
export type UpwardReply = z.input<typeof upward.ReplyBody>;
export type Jwks = z.output<typeof upward.Jwks>;

export type ReceptionTable = z.output<typeof bulletins.ReceptionTableView>;
export type ReceptionRow = z.output<typeof bulletins.ReceptionRowView>;
export type BulletinInput = z.input<typeof bulletins.BulletinBody>;
export type BulletinView = z.output<typeof bulletins.BulletinView>;
export type BulletinPage = z.output<typeof bulletins.BulletinPage>;

export type AuditRecord = z.output<typeof audit.AuditRecordView>;
export type AuditPage = z.output<typeof audit.AuditPage>;
export type ArticleInput = z.input<typeof articles.ArticleBody>;
export type ArticleView = z.output<typeof articles.ArticleView>;
export type ArticleList = z.output<typeof articles.StaffArticleList>;
export type QuestionView = z.output<typeof questions.QuestionView>;
export type QuestionList = z.output<typeof questions.StaffQuestionList>;
export type QuestionAnswer = z.input<typeof questions.AnswerBody>;
