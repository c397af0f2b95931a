import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../shared/aws/dynamo.ts';
import type { Group } from '../../shared/domain/principal.ts';
import { http, tokenFor } from '../support/client.ts';

/**
 * API.md "Accounts": who may create whom, every cell over HTTP. Allowed
 * cells create the account (201); refused ones (403) write nothing: no
 * account, no mail with a temporary password, no audit record.
 */
const UNITS = ['info-center', 'district-office', 'health', 'education'];
const GROUPS: Group[] = [
  'district-admin',
  'district-office',
  'unit-admin',
  'unit-staff',
  'unit-head',
];
const CALLERS = {
  dAdmin: ['district-admin', 'info-center'],
  office: ['district-office', 'district-office'],
  hAdmin: ['unit-admin', 'health'],
  eAdmin: ['unit-admin', 'education'],
  hStaff: ['unit-staff', 'health'],
  hHead: ['unit-head', 'health'],
} as const;
type Caller = keyof typeof CALLERS;

/** Written down, not derived from the rule it checks. */
const ALLOWED: Record<Caller, string[]> = {
  dAdmin: [
    'info-center/district-admin',
    'district-office/district-office',
    ...UNITS.flatMap((unit) =>
      ['unit-admin', 'unit-staff', 'unit-head'].map((group) => `${unit}/${group}`),
    ),
  ],
  hAdmin: ['health/unit-staff', 'health/unit-head'],
  eAdmin: ['education/unit-staff', 'education/unit-head'],
  office: [],
  hStaff: [],
  hHead: [],
};

const tokens: Partial<Record<Caller, string>> = {};
let auditTable: (username: string) => Promise<unknown[]>;
const outbox = () => {
  const file = join(inject('localDir'), 'mail-outbox.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};

beforeAll(async () => {
  for (const [caller, [group, unit]] of Object.entries(CALLERS))
    tokens[caller as Caller] = await tokenFor(group, unit);
  const endpoint = /DynamoDB Local on (http:\/\/127\.0\.0\.1:\d+)/.exec(
    inject('platformOutput'),
  )?.[1];
  const db = createDocumentClient({ region: 'local', endpoint });
  auditTable = async (username) =>
    (
      await db.send(
        new QueryCommand({
          TableName: 'xinhua-audit',
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `ACCOUNT#${username}` },
        }),
      )
    ).Items ?? [];
});

describe('who may create whom, over HTTP', () => {
  for (const caller of Object.keys(CALLERS) as Caller[]) {
    it(`as ${caller}`, async () => {
      const answers: Record<string, number> = {};
      for (const unit of UNITS) {
        for (const group of GROUPS) {
          const username = `m-${caller}-${unit}-${group}`.toLowerCase().slice(0, 60);
          // Other test files run at the same time: what matters is the mail to this address.
          const mailTo = () =>
            outbox()
              .split('\n')
              .filter((line) => line.includes(`"to":"${username}@example.gov.cn"`));
          const before = mailTo();
          const answer = await http('POST', `/units/${unit}/accounts`, {
            token: tokens[caller]!,
            body: { username, name: '矩阵测试', group, email: `${username}@example.gov.cn` },
          });
          answers[`${unit}/${group}`] = answer.status;
          if (answer.status === 201) {
            expect(answer.body).toEqual({
              username,
              name: '矩阵测试',
              group,
              unitId: unit,
              enabled: true,
            });
            expect(outbox()).toContain(`${username}@example.gov.cn`);
            expect(await auditTable(username)).toEqual([
              expect.objectContaining({ action: 'account.create' }),
            ]);
          } else {
            expect(answer.body.error.code).toBe('FORBIDDEN');
            expect(mailTo()).toEqual(before);
            expect(await auditTable(username)).toEqual([]);
            const listed = await http('GET', `/units/${unit}/accounts`, { token: tokens.dAdmin! });
            expect(
              listed.body.items.map((account: { username: string }) => account.username),
            ).not.toContain(username);
          }
        }
      }
      const expected = Object.fromEntries(
        UNITS.flatMap((unit) =>
          GROUPS.map((group) => [
            `${unit}/${group}`,
            ALLOWED[caller].includes(`${unit}/${group}`) ? 201 : 403,
          ]),
        ),
      );
      expect(answers).toEqual(expected);
    });
  }

  it('refuses a taken username (409) and a malformed one (400)', async () => {
    const body = {
      username: 'dup-user',
      name: '重复',
      group: 'unit-staff',
      email: 'dup@example.gov.cn',
    };
    expect(
      (await http('POST', '/units/health/accounts', { token: tokens.dAdmin!, body })).status,
    ).toBe(201);
    const taken = await http('POST', '/units/education/accounts', { token: tokens.dAdmin!, body });
    expect(taken).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
    for (const username of ['Upper', 'ab', '-dash', 'x'.repeat(65), '王五']) {
      const refused = await http('POST', '/units/health/accounts', {
        token: tokens.dAdmin!,
        body: { ...body, username },
      });
      expect(refused.status, username).toBe(400);
    }
    const unknownUnit = await http('POST', '/units/atlantis/accounts', {
      token: tokens.dAdmin!,
      body: { ...body, username: 'atl-staff' },
    });
    expect(unknownUnit.status).toBe(400);
  });

  it('refuses a person in two groups or in none, before any route runs (403)', async () => {
    const { SignJWT, importJWK } = await import('jose');
    const key = JSON.parse(readFileSync(join(inject('localDir'), 'jwt-signing-key.json'), 'utf8'));
    const token = (groups: string[]) =>
      importJWK(key, 'ES256').then((signing) =>
        new SignJWT({ 'cognito:groups': groups, 'custom:unitId': 'health' })
          .setProtectedHeader({ alg: 'ES256' })
          .setSubject('two-hats')
          .setIssuer('urn:xinhua:local-issuer')
          .setAudience('xinhua-local')
          .setExpirationTime('5m')
          .sign(signing),
      );
    for (const groups of [['unit-admin', 'unit-staff'], [], ['root']]) {
      const answer = await http('GET', '/inbox', { token: await token(groups) });
      expect(answer.status, JSON.stringify(groups)).toBe(403);
      expect(answer.body.error.code).toBe('FORBIDDEN');
    }
  });
});
