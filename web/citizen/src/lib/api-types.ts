/**
 * The API's shapes, from the zod schemas the handlers validate with
 * (shared/contract): never retyped here. Types only: nothing of the
 * contract reaches the browser bundle.
 */
import type * as z from 'zod/mini';
import type * as common from '../../../../shared/contract/common.ts';
import type * as reports from '../../../../shared/contract/reports.ts';
import type { ErrorBody } from '../../../../shared/errors.ts';

export type { ErrorBody };
export type PublicService = z.output<typeof reports.PublicServiceList>['items'][number];
export type NewReport = z.input<typeof reports.CreateReportBody>;
export type ReportCreated = z.output<typeof reports.ReportCreated>;
export type Upload = z.output<typeof common.Upload>;
export type PublicReport = z.output<typeof reports.PublicReport>;
export type BoardPage = z.output<typeof reports.BoardPage>;
export type BoardItem = z.output<typeof reports.BoardItem>;
export type NearbyList = z.output<typeof reports.NearbyList>;
export type Ranking = z.output<typeof reports.RankingView>;
export type ReportStatus = PublicReport['status'];
export type Satisfaction = z.output<typeof reports.FeedbackBody>['satisfaction'];
