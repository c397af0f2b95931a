import type { Principal } from './principal.ts';

/**
 * 办事包打听 (Art3 政民互动): a citizen asks how to get something done, with a
 * tracking code; the district office answers, or passes the question to the
 * department that knows, which answers. An answer may be made public, and
 * then anyone reads it (and search finds it).
 */
export interface Question {
  id: string;
  /** The citizen's question, masked of personal numbers. */
  question: string;
  askedAt: string;
  trackingTokenHash: string;
  status: 'open' | 'answered';
  /** Who answers now: the district office until it passes the question on. */
  assignedTo: string;
  answer?: string;
  answeredAt?: string;
  answeredBy?: string;
  /** The unit that answered. */
  answeredByUnit?: string;
  public: boolean;
}

/** Who may answer: the district office always; a department once the question is passed to it. */
export const mayAnswer = (principal: Principal, question: Pick<Question, 'assignedTo'>) =>
  principal.groups.includes('district-office') || question.assignedTo === principal.unitId;
