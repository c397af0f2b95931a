import * as z from 'zod/mini';
import { ContactName, Text } from './common.ts';
import { PhoneNumber } from './phoneNumbers.ts';

/** What a unit sends back on a receipt: each names its contact person and phone. */
export const AnswerBody = z.strictObject({
  summary: Text(2000),
  contactName: ContactName,
  contactPhone: PhoneNumber,
});

export const ProblemBody = z.strictObject({
  description: Text(2000),
  contactName: ContactName,
  contactPhone: PhoneNumber,
});
