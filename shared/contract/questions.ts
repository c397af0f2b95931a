import * as z from 'zod/mini';
import { Cursor, List, Page, Text, UnitId } from './common.ts';

export const AskBody = z.strictObject({ question: Text(500) });
export const Asked = z.object({ id: z.string(), trackingToken: z.string() });

export const AnswerBody = z.strictObject({
  answer: Text(2000),
  /** Whether anyone may read it (and search find it). */
  public: z.boolean(),
});
export const AssignBody = z.strictObject({ unitId: UnitId });

export const QuestionView = z.object({
  id: z.string(),
  question: z.string(),
  askedAt: z.string(),
  status: z.enum(['open', 'answered']),
  assignedTo: z.string(),
  answer: z.optional(z.string()),
  answeredAt: z.optional(z.string()),
  answeredBy: z.optional(z.string()),
  answeredByUnit: z.optional(z.string()),
  public: z.boolean(),
});
export const StaffQuestionQuery = z.object({ status: z.optional(z.enum(['open', 'answered'])) });
export const StaffQuestionList = List(QuestionView);

/** A public answer: the question, the answer and the unit that gave it; never who asked. */
export const PublicQuestionView = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  answeredAt: z.string(),
  answeredByUnit: z.string(),
});
export const PublicQuestionQuery = z.object({ cursor: z.optional(Cursor) });
export const PublicQuestionPage = Page(PublicQuestionView);

/** The asker's view, with the tracking token: the answer whether public or not. */
export const AskerQuestionView = z.object({
  id: z.string(),
  question: z.string(),
  askedAt: z.string(),
  status: z.enum(['open', 'answered']),
  answer: z.optional(z.string()),
  answeredAt: z.optional(z.string()),
});
