import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  escalationSms,
  unitReminderSms,
  verificationCodeSms,
} from '../../../shared/domain/smsTemplates.ts';
import { aliyunSmsSender } from '../../../shared/sms/aliyun.ts';
import { aliyunSmsStandIn } from '../../support/aliyunSms.ts';

const key = { accessKeyId: 'LTAI-test-key', accessKeySecret: 'test-secret-of-the-pair' };
const templateCodes = {
  unitReminder: 'SMS_100000001',
  escalation: 'SMS_100000002',
  verificationCode: 'SMS_100000003',
  signInCode: 'SMS_100000004',
  accountOpened: 'SMS_100000005',
};
let gateway: Awaited<ReturnType<typeof aliyunSmsStandIn>>;
const sender = (credentials = key) =>
  aliyunSmsSender(() => Promise.resolve(credentials), {
    signName: '新华区政务网',
    templateCodes,
    endpoint: gateway.endpoint,
    protocol: 'http',
  });

beforeAll(async () => {
  gateway = await aliyunSmsStandIn(key);
});
afterAll(() => gateway.close());

describe('SMS through Alibaba Cloud’s SMS service (the China regions)', () => {
  it('sends the registered template’s code and its values, signed, to the 11-digit number', async () => {
    await sender().send(
      '+8613800000001',
      unitReminderSms({ notice: 2 }, '2026-11-25T02:10:00.000Z'),
    );
    expect(gateway.taken().at(-1)).toEqual({
      phoneNumbers: '13800000001',
      signName: '新华区政务网',
      templateCode: 'SMS_100000001',
      templateParam: { items: '通知2件', owed: '待签收或办理', deadline: '11月25日10:10' },
    });
    await sender().send('+8613800000001', verificationCodeSms('123456'));
    expect(gateway.taken().at(-1)).toMatchObject({
      templateCode: 'SMS_100000003',
      templateParam: { code: '123456' },
    });
  });

  it('throws the gateway’s code when it refuses a number, though it answers HTTP 200', async () => {
    gateway.answer('13800000002', 'isv.MOBILE_NUMBER_ILLEGAL');
    await expect(
      sender().send(
        '+8613800000002',
        escalationSms('区卫生局', 1, { notice: 1 }, '2026-11-25T02:10:00.000Z'),
      ),
    ).rejects.toMatchObject({
      name: 'isv.MOBILE_NUMBER_ILLEGAL',
      code: 'isv.MOBILE_NUMBER_ILLEGAL',
    });
  });

  it('names a throttled request Throttling…, so the reminder check stops for this run', async () => {
    gateway.answer('13800000003', 'Throttling.User', 400);
    await expect(
      sender().send('+8613800000003', verificationCodeSms('654321')),
    ).rejects.toMatchObject({ name: 'Throttling(Throttling.User)' });
    gateway.answer('13800000004', 'isv.DAY_LIMIT_CONTROL');
    await expect(
      sender().send('+8613800000004', verificationCodeSms('654321')),
    ).rejects.toMatchObject({ name: expect.stringMatching(/^Throttl/) });
  });

  it('is refused by the gateway with a wrong secret, and sends nothing', async () => {
    const before = gateway.taken().length;
    await expect(
      sender({ ...key, accessKeySecret: 'not-the-secret' }).send(
        '+8613800000005',
        verificationCodeSms('111111'),
      ),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    expect(gateway.taken().length).toBe(before);
  });

  it('reads its credentials again after a failed read', async () => {
    let reads = 0;
    const flaky = aliyunSmsSender(
      () => {
        reads++;
        return reads === 1
          ? Promise.reject(new Error('secret not readable yet'))
          : Promise.resolve(key);
      },
      { signName: '新华区政务网', templateCodes, endpoint: gateway.endpoint, protocol: 'http' },
    );
    await expect(flaky.send('+8613800000006', verificationCodeSms('222222'))).rejects.toThrow(
      'secret not readable yet',
    );
    await flaky.send('+8613800000006', verificationCodeSms('222222'));
    expect(gateway.taken().at(-1)?.phoneNumbers).toBe('13800000006');
  });
});
