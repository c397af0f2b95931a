import { expect } from 'vitest';
import { admin, call } from './api.ts';
import { codeSentTo, newMobile } from './sms.ts';

/**
 * A new mobile registered for `unit` by the district administrator and
 * verified with the code SNS was asked to send: an active phone the
 * reminder check may text (`remind`, the default) or only a duty phone.
 */
export async function activePhone(unit: string, remind = true): Promise<string> {
  const phone = newMobile();
  await call({
    method: 'POST',
    path: `/units/${unit}/phones`,
    as: admin,
    body: { phone, holderName: '值班员', remind },
  });
  const verified = await call({
    method: 'POST',
    path: `/units/${unit}/phones/${encodeURIComponent(phone)}/verify`,
    as: admin,
    body: { code: codeSentTo(phone) },
  });
  expect(verified.body.status).toBe('active');
  return phone;
}
