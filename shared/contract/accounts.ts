import * as z from 'zod/mini';
import { USERNAME } from '../domain/accounts.ts';
import { GROUPS } from '../domain/principal.ts';
import { List, Text, UnitId } from './common.ts';
import { PhoneNumber } from './phoneNumbers.ts';

export const AccountParams = z.object({
  unitId: UnitId,
  username: z.string().check(z.regex(USERNAME)),
});

export const CreateAccountBody = z.strictObject({
  username: z.string().check(z.regex(USERNAME, '3 至 64 位小写字母、数字、点、连字符或下划线')),
  name: Text(50),
  group: z.enum(GROUPS),
  /** The temporary password is sent here (Cognito's invitation; locally the mail outbox). */
  email: z.email('an email address: the temporary password is sent to it'),
  phone: z.optional(PhoneNumber),
});

export const AccountView = z.object({
  username: z.string(),
  name: z.string(),
  group: z.enum(GROUPS),
  unitId: z.string(),
  enabled: z.boolean(),
});
export const AccountList = List(AccountView);
