import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../domain/audit.ts';
import type { Question } from '../domain/questions.ts';
import { auditPut } from './audit.ts';
import type { Store } from './context.ts';
import { withoutKeys } from './keys.ts';
import { queryPage, type Listing } from './pages.ts';
import { writeUnlessChanged } from './transactions.ts';
import { searchChanged } from './searchIndex.ts';

const questionKey = (id: string) => ({ pk: `QUESTION#${id}`, sk: 'QUESTION' });

/**
 * Where a question is listed (the `byUnit` index): open ones with whoever
 * answers them now, answered ones as public or not; newest first.
 */
export const questionListing = {
  open: (assignedTo: string): Listing => ({
    index: 'byUnit',
    partition: `QUESTIONS-OPEN#${assignedTo}`,
    pkPrefix: 'QUESTION#',
    skPrefix: 'QUESTION',
  }),
  public: (): Listing => ({
    index: 'byUnit',
    partition: 'QUESTIONS-PUBLIC',
    pkPrefix: 'QUESTION#',
    skPrefix: 'QUESTION',
  }),
  private: (): Listing => ({
    index: 'byUnit',
    partition: 'QUESTIONS-ANSWERED',
    pkPrefix: 'QUESTION#',
    skPrefix: 'QUESTION',
  }),
};

const listingOf = (question: Question) =>
  question.status === 'open'
    ? questionListing.open(question.assignedTo)
    : question.public
      ? questionListing.public()
      : questionListing.private();

/**
 * Writes a question with its audit record in one transaction: a new one
 * never over another; a change only while it is still as it was read
 * (open, with the same assignee), so two answers never both land. A public
 * answer also tells the search index.
 */
export async function saveQuestion(
  store: Store,
  question: Question,
  audit: AuditEntry,
  previous?: Pick<Question, 'status' | 'assignedTo'>,
): Promise<boolean> {
  return writeUnlessChanged(store, [
    {
      Put: {
        TableName: store.table,
        Item: {
          ...questionKey(question.id),
          gsi1pk: listingOf(question).partition,
          gsi1sk: `${question.answeredAt ?? question.askedAt}#${question.id}`,
          ...question,
        },
        ConditionExpression: previous
          ? '#status = :status AND assignedTo = :assignedTo'
          : 'attribute_not_exists(pk)',
        ...(previous
          ? {
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':status': previous.status,
                ':assignedTo': previous.assignedTo,
              },
            }
          : {}),
      },
    },
    auditPut(store, audit),
    ...(question.status === 'answered' && question.public ? [searchChanged(store)] : []),
  ]);
}

export async function getQuestion(store: Store, id: string): Promise<Question | undefined> {
  const { Item } = await store.db.send(
    new GetCommand({ TableName: store.table, Key: questionKey(id) }),
  );
  return Item ? (withoutKeys(Item) as unknown as Question) : undefined;
}

const asQuestion = (value: Record<string, unknown>) => withoutKeys(value) as unknown as Question;

export async function listQuestions(
  store: Store,
  listing: Listing,
  options: { limit: number; cursor?: string | undefined },
): Promise<{ items: Question[]; cursor?: string }> {
  const page = await queryPage(store, listing, options);
  return {
    items: page.items.map(asQuestion),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

/** Every public answer, for the search index. */
export async function allPublicAnswers(store: Store): Promise<Question[]> {
  const all: Question[] = [];
  let cursor: string | undefined;
  do {
    const page = await listQuestions(store, questionListing.public(), { limit: 500, cursor });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}
