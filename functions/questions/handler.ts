import { ulid } from 'ulid';
import { IdParams } from '../../shared/contract/common.ts';
import {
  AnswerBody,
  AskBody,
  Asked,
  AskerQuestionView,
  AssignBody,
  PublicQuestionPage,
  PublicQuestionQuery,
  QuestionView,
  StaffQuestionList,
  StaffQuestionQuery,
} from '../../shared/contract/questions.ts';
import { TrackingHeaders } from '../../shared/contract/reports.ts';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import { maskPersonalNumbers } from '../../shared/domain/personalNumbers.ts';
import { personName, type Principal } from '../../shared/domain/principal.ts';
import { mayAnswer, type Question } from '../../shared/domain/questions.ts';
import { newTrackingToken, tokenMatches } from '../../shared/domain/reports.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import {
  getQuestion,
  listQuestions,
  questionListing,
  saveQuestion,
} from '../../shared/store/questions.ts';
import type { Store } from '../../shared/store/context.ts';
import { getUnit } from '../../shared/store/units.ts';

/** 办事包打听 (Art3 政民互动): citizens ask how to get something done; the district office or a department answers, in public if it chooses. */

const OFFICE = 'district-office';
const CHANGED = '该提问已被他人处理，请刷新后查看';

const staffView = ({ trackingTokenHash: _hash, ...question }: Question) => question;

/** A question still open that this person may answer (the office: any); else 404, or 409 once answered. */
async function openQuestion(store: Store, id: string, principal: Principal): Promise<Question> {
  const question = await getQuestion(store, id);
  if (!question || !mayAnswer(principal, question)) throw new NotFoundError('提问不存在');
  if (question.status !== 'open') throw new ConflictError('该提问已答复');
  return question;
}

export const questions = apiRoutes('questions', {
  'POST /public/questions': defineRoute({
    body: AskBody,
    responses: { 201: Asked },
    handle: async ({ body, principal, now }, { store }) => {
      const { token, hash } = newTrackingToken();
      const question: Question = {
        id: ulid(now.getTime()),
        // Whatever a citizen types, no phone or ID number is kept in what others may read.
        question: maskPersonalNumbers(body.question),
        askedAt: now.toISOString(),
        trackingTokenHash: hash,
        status: 'open',
        assignedTo: OFFICE,
        public: false,
      };
      const audit = auditEntry('question.ask', auditTarget.question(question.id), principal, now);
      if (!(await saveQuestion(store, question, audit))) throw new ConflictError(CHANGED);
      return { status: 201, body: { id: question.id, trackingToken: token } };
    },
  }),

  'GET /public/questions': defineRoute({
    query: PublicQuestionQuery,
    responses: { 200: PublicQuestionPage },
    handle: async ({ query }, { store }) => {
      const page = await listQuestions(store, questionListing.public(), {
        limit: 20,
        cursor: query.cursor,
      });
      return {
        status: 200,
        body: {
          items: page.items.map((question) => ({
            id: question.id,
            question: question.question,
            answer: question.answer ?? '',
            answeredAt: question.answeredAt ?? question.askedAt,
            answeredByUnit: question.answeredByUnit ?? OFFICE,
          })),
          ...(page.cursor ? { cursor: page.cursor } : {}),
        },
      };
    },
  }),

  'GET /public/questions/{id}': defineRoute({
    params: IdParams,
    headers: TrackingHeaders,
    responses: { 200: AskerQuestionView },
    handle: async ({ params, headers }, { store }) => {
      const question = await getQuestion(store, params.id);
      const token = headers['x-tracking-token'];
      // A public answer is anyone's to read; else only the asker's, with the code. A wrong
      // code and no such question answer alike: ids tell nothing.
      const readable =
        question &&
        (token === undefined
          ? question.status === 'answered' && question.public
          : tokenMatches(token, question.trackingTokenHash));
      if (!question || !readable) throw new NotFoundError('提问不存在或查询码不正确');
      const { id, askedAt, status, answer, answeredAt } = question;
      return {
        status: 200,
        body: {
          id,
          question: question.question,
          askedAt,
          status,
          ...(answer ? { answer } : {}),
          ...(answeredAt ? { answeredAt } : {}),
        },
      };
    },
  }),

  'GET /questions': defineRoute({
    query: StaffQuestionQuery,
    responses: { 200: StaffQuestionList },
    handle: async ({ query, principal }, { store }) => {
      const office = principal.groups.includes(OFFICE);
      const unit = office ? OFFICE : principal.unitId;
      const lists =
        query.status === 'answered'
          ? [questionListing.public(), questionListing.private()]
          : [questionListing.open(unit)];
      const pages = await Promise.all(
        lists.map((listing) => listQuestions(store, listing, { limit: 100 })),
      );
      const items = pages
        .flatMap((page) => page.items)
        // A department sees what it answers; the office sees every answer.
        .filter(
          (question) => office || question.status === 'open' || question.answeredByUnit === unit,
        )
        .sort((a, b) => (b.answeredAt ?? b.askedAt).localeCompare(a.answeredAt ?? a.askedAt))
        .map(staffView);
      return { status: 200, body: { items } };
    },
  }),

  'POST /questions/{id}/assign': defineRoute({
    params: IdParams,
    body: AssignBody,
    responses: { 200: QuestionView },
    handle: async ({ params, body, principal, now }, { store }) => {
      const previous = await openQuestion(store, params.id, principal);
      const unit = await getUnit(store, body.unitId);
      if (!unit || unit.kind !== 'department')
        throw new ValidationError('请选择一个部门', [
          { field: 'body.unitId', message: '应为一个部门的编号' },
        ]);
      const question: Question = { ...previous, assignedTo: unit.id };
      const audit = auditEntry(
        'question.assign',
        auditTarget.question(question.id),
        principal,
        now,
        {
          unitId: unit.id,
        },
      );
      if (!(await saveQuestion(store, question, audit, previous))) throw new ConflictError(CHANGED);
      return { status: 200, body: staffView(question) };
    },
  }),

  'POST /questions/{id}/answer': defineRoute({
    params: IdParams,
    body: AnswerBody,
    responses: { 200: QuestionView },
    handle: async ({ params, body, principal, now }, { store, uploads }) => {
      const previous = await openQuestion(store, params.id, principal);
      const question: Question = {
        ...previous,
        status: 'answered',
        // A department's official landline stays as written; other numbers are masked.
        answer: maskPersonalNumbers(body.answer, { keepLandlines: true }),
        answeredAt: now.toISOString(),
        answeredBy: personName(principal),
        answeredByUnit: principal.groups.includes(OFFICE) ? OFFICE : principal.unitId,
        public: body.public,
      };
      const audit = auditEntry(
        'question.answer',
        auditTarget.question(question.id),
        principal,
        now,
        {
          public: body.public,
        },
      );
      if (!(await saveQuestion(store, question, audit, previous))) throw new ConflictError(CHANGED);
      // The search index (MiniSearch) is loaded only by an answer made public.
      if (question.public) {
        const { rebuildSearchIndex } = await import('../../shared/store/search.ts');
        await rebuildSearchIndex(store, uploads);
      }
      return { status: 200, body: staffView(question) };
    },
  }),
});
