/**
 * The API's shapes, from the zod schemas the handlers validate with
 * (shared/contract): never retyped here. Types only: nothing of the
 * contract reaches the browser bundle.
 */
import type * as z from 'zod/mini';
import type * as common from '../../../../shared/contract/common.ts';
import type * as reports from '../../../../shared/contract/reports.ts';
import type * as articles from '../../../../shared/contract/articles.ts';
import type * as questions from '../../../../shared/contract/questions.ts';
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
export type ColumnList = z.output<typeof articles.ColumnList>;
export type PublicArticlePage = z.output<typeof articles.PublicArticlePage>;
export type PublicArticle = z.output<typeof articles.PublicArticleView>;
export type SearchResults = z.output<typeof articles.SearchResults>;
export type Asked = z.output<typeof questions.Asked>;
export type PublicQuestionPage = z.output<typeof questions.PublicQuestionPage>;
export type AskerQuestion = z.output<typeof questions.AskerQuestionView>;
