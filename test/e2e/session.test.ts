import { Validator } from '@seriousme/openapi-schema-validator';
import { SignJWT, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../local/tokens.ts';
import { ROUTES } from '../../shared/routes.ts';
import { baseUrl, http, tokenFor } from '../support/client.ts';

let office: string;
let health: string;
let education: string;
let housing: string;

beforeAll(async () => {
  office = await tokenFor('district-office', 'district-office', 'clerk-wang');
  health = await tokenFor('unit-staff', 'health', 'duty-zhang');
  education = await tokenFor('unit-admin', 'education', 'admin-liu');
  housing = await tokenFor('unit-staff', 'housing', 'duty-zhao');
});

const notice = (recipients: string[] | 'all', over: Record<string, unknown> = {}) => ({
  kind: 'notice',
  title: '关于召开防汛工作会议的通知',
  body: '请于明日9时参会。',
  recipients,
  declaredUnclassified: true,
  ...over,
});

describe('the local platform over HTTP', () => {
  it('answers /health without a token', async () => {
    expect(await http('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('serves its OpenAPI 3.1 document at /openapi.json, with every route', async () => {
    const { body } = await http('GET', '/openapi.json');
    const validator = new Validator();
    expect((await validator.validate(structuredClone(body))).valid).toBe(true);
    expect(validator.version).toBe('3.1');
    for (const route of ROUTES)
      expect(
        body.paths[route.path]?.[route.method.toLowerCase()],
        `${route.method} ${route.path}`,
      ).toBeDefined();
    expect(body.paths['/health'].get.responses['200']).toBeDefined();
  });

  it('serves the site’s icon, so no page load asks for a missing file', async () => {
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const icon = await fetch(`${baseUrl}${path}`);
      expect(icon.status, path).toBe(200);
      expect(icon.headers.get('content-type'), path).toMatch(/^image\//);
    }
  });

  it('lists the seed units', async () => {
    const units = await http('GET', '/units', { token: health });
    expect(units.status).toBe(200);
    expect(units.body.items.map((unit: { id: string }) => unit.id)).toEqual(
      expect.arrayContaining([
        'district-office',
        'info-center',
        'urban-management',
        'environment',
        'market-regulation',
        'civil-affairs',
        'housing',
        'education',
        'health',
      ]),
    );
  });

  it('dispatch → inbox → acknowledge → the sender sees who acknowledged', async () => {
    const sent = await http('POST', '/dispatches', {
      token: office,
      body: notice(['health', 'education']),
    });
    expect(sent.status).toBe(201);
    const id = sent.body.id as string;

    const inbox = await http('GET', '/inbox', { token: health });
    expect(inbox.body.items[0]).toMatchObject({
      dispatchId: id,
      kind: 'notice',
      status: 'pending',
      late: false,
    });

    const acked = await http('POST', `/dispatches/${id}/ack`, { token: health });
    expect(acked).toMatchObject({
      status: 200,
      body: { status: 'acknowledged', acknowledgedBy: 'duty-zhang' },
    });
    const again = await http('POST', `/dispatches/${id}/ack`, { token: health });
    expect(again.body).toEqual(acked.body);

    const status = await http('GET', `/dispatches/${id}`, { token: office });
    const receipts = Object.fromEntries(
      status.body.receipts.map((r: { unitId: string; status: string }) => [r.unitId, r.status]),
    );
    expect(receipts).toEqual({ health: 'acknowledged', education: 'pending' });
    expect(
      (await http('GET', '/inbox', { token: health })).body.items.some(
        (item: { dispatchId: string }) => item.dispatchId === id,
      ),
    ).toBe(false);
  });

  it('a feedback request is answered with a contact person and phone', async () => {
    const respondBy = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const sent = await http('POST', '/dispatches', {
      token: office,
      body: notice(['education'], {
        kind: 'feedback',
        title: '关于报送防汛物资情况的督办',
        respondBy,
      }),
    });
    expect(sent.body.respondBy).toBe(respondBy);
    const answered = await http('POST', `/dispatches/${sent.body.id}/response`, {
      token: education,
      body: { summary: '已报送', contactName: '刘老师', contactPhone: '13912345678' },
    });
    expect(answered).toMatchObject({
      status: 200,
      body: { status: 'responded', answer: { contactPhone: '+8613912345678' } },
    });
  });

  it('a reception problem goes back to the sender', async () => {
    const sent = await http('POST', '/dispatches', { token: office, body: notice(['housing']) });
    const problem = await http('POST', `/dispatches/${sent.body.id}/problem`, {
      token: housing,
      body: { description: '正文显示乱码', contactName: '赵工', contactPhone: '0311-86123456' },
    });
    expect(problem.status).toBe(201);
    const status = await http('GET', `/dispatches/${sent.body.id}`, { token: office });
    expect(status.body.receipts[0].status).toBe('problem');
    expect(status.body.problems[0]).toMatchObject({
      unitId: 'housing',
      description: '正文显示乱码',
    });
  });

  it('keeps each unit to its own receipts', async () => {
    const sent = await http('POST', '/dispatches', { token: office, body: notice(['health']) });
    const id = sent.body.id as string;
    expect((await http('GET', `/dispatches/${id}`, { token: education })).status).toBe(404);
    expect((await http('POST', `/dispatches/${id}/ack`, { token: education })).status).toBe(404);
    expect(
      (
        await http('POST', `/dispatches/${id}/response`, {
          token: education,
          body: { summary: 'x', contactName: 'x', contactPhone: '13912345678' },
        })
      ).status,
    ).toBe(404);
    const inbox = await http('GET', '/inbox?status=all', { token: education });
    expect(inbox.body.items.some((item: { dispatchId: string }) => item.dispatchId === id)).toBe(
      false,
    );
  });
});

describe('refusals, in the error shape of API.md', () => {
  const expectError = (
    answer: { status: number; body: { error?: { code?: string; message?: string } } },
    status: number,
    code: string,
  ) => {
    expect(answer.status).toBe(status);
    expect(answer.body.error?.code).toBe(code);
    expect(typeof answer.body.error?.message).toBe('string');
  };

  it('401 without a token, with a forged token, with an expired token', async () => {
    expectError(await http('GET', '/inbox'), 401, 'UNAUTHENTICATED');
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({
      'cognito:groups': ['district-office'],
      'custom:unitId': 'district-office',
    })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('mallory')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    expectError(await http('GET', '/inbox', { token: forged }), 401, 'UNAUTHENTICATED');
    const expired = await tokenFor('unit-staff', 'health');
    const [header, payload, signature] = expired.split('.');
    const tampered = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    tampered.exp = 1;
    expectError(
      await http('GET', '/inbox', {
        token: `${header}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${signature}`,
      }),
      401,
      'UNAUTHENTICATED',
    );
    // Signed with the platform's own key, but never expiring: refused as the deployed authorizer would.
    const { importJWK } = await import('jose');
    const { signingKey } = await import('../../local/tokens.ts');
    const forever = await new SignJWT({
      'cognito:groups': ['unit-staff'],
      'custom:unitId': 'health',
    })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('forever')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .sign(await importJWK(await signingKey(), 'ES256'));
    expectError(await http('GET', '/inbox', { token: forever }), 401, 'UNAUTHENTICATED');
    const { issueToken } = await import('../../local/tokens.ts');
    expectError(
      await http('GET', '/inbox', {
        token: await issueToken({ group: 'unit-staff', unit: 'health', expiresIn: '-1m' }),
      }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('403 for a role that may not call the route', async () => {
    expectError(
      await http('POST', '/dispatches', { token: health, body: notice(['education']) }),
      403,
      'FORBIDDEN',
    );
  });

  it('400 for malformed JSON, 422 for a classification marking, 404 for an unknown route', async () => {
    expectError(
      await http('POST', '/dispatches', { token: office, rawBody: '{"kind":' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await http('POST', '/dispatches', {
        token: office,
        body: notice(['health'], { title: '机密★ 通知' }),
      }),
      422,
      'CLASSIFIED_CONTENT',
    );
    expectError(await http('GET', '/nowhere', { token: office }), 404, 'NOT_FOUND');
  });

  it('413 beyond the route’s body limit and beyond API Gateway’s 10 MB', async () => {
    expectError(
      await http('POST', '/dispatches', {
        token: office,
        body: notice(['health'], { body: '文'.repeat(100_000) }),
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectError(
      await http('POST', '/dispatches', { token: office, rawBody: 'x'.repeat(11 * 1024 * 1024) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('serves every route of the route table (none answers the gateway’s "no such route")', async () => {
    for (const route of ROUTES) {
      const path = route.path.replace(/\{[^}]+\}/g, '01JAAAAAAAAAAAAAAAAAAAAAAA');
      const answer = await http(route.method, path, { token: office });
      expect(answer.body?.error?.message, `${route.method} ${route.path}`).not.toBe(
        'no such route',
      );
      expect(answer.status, `${route.method} ${route.path}`).toBeLessThan(500);
    }
  });
});
