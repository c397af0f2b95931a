import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryService } from '../../../shared/aws/awsCall.ts';
import { outboxSmsSender, snsSmsSender } from '../../../shared/aws/sms.ts';
import { sns } from '../../support/sms.ts';

const local = () =>
  queryService({
    name: 'sns',
    version: '2010-03-31',
    region: 'ap-southeast-1',
    endpoint: process.env['SNS_ENDPOINT'],
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
const lastTo = (phone: string) =>
  sns
    .publishes()
    .filter((sms) => sms.to === phone)
    .at(-1);

describe('SMS through SNS', () => {
  it('publishes to the phone number as a Transactional SMS', async () => {
    await snsSmsSender(local(), {}).send('+8613800000001', '【新华区政务网】测试 & <b>');
    expect(lastTo('+8613800000001')).toEqual({
      to: '+8613800000001',
      text: '【新华区政务网】测试 & <b>',
      attributes: { 'AWS.SNS.SMS.SMSType': 'Transactional' },
    });
  });

  it('sets a sender id and an origination number only when configured', async () => {
    await snsSmsSender(local(), {
      senderId: 'XINHUA',
      originationNumber: '+6512345678',
    }).send('+8613800000002', 'x');
    expect(lastTo('+8613800000002')?.attributes).toEqual({
      'AWS.SNS.SMS.SMSType': 'Transactional',
      'AWS.SNS.SMS.SenderID': 'XINHUA',
      'AWS.MM.SMS.OriginationNumber': '+6512345678',
    });
  });

  it('throws what SNS refused, by its code, so the caller records nothing as sent', async () => {
    sns.refuse('+8613800000003', 'InvalidParameter');
    await expect(snsSmsSender(local(), {}).send('+8613800000003', 'x')).rejects.toMatchObject({
      name: 'InvalidParameter',
      statusCode: 400,
    });
    expect(sns.publishes().filter((sms) => sms.to === '+8613800000003')).toHaveLength(1);
  });

  it('sends again what SNS could not take for now, then gives up', async () => {
    sns.refuse('+8613800000004', 'InternalError', 500);
    await expect(snsSmsSender(local(), {}).send('+8613800000004', 'x')).rejects.toMatchObject({
      name: 'InternalError',
    });
    expect(sns.publishes().filter((sms) => sms.to === '+8613800000004')).toHaveLength(3);
  });
});

describe('the local outbox', () => {
  it('appends {to, text, at} and prints the number masked', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'sms-outbox.jsonl');
    const printed: string[] = [];
    await outboxSmsSender(file, (line) => printed.push(line)).send(
      '+8613800000001',
      '【新华区政务网】测试',
    );
    const [line] = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text));
    expect(line).toMatchObject({ to: '+8613800000001', text: '【新华区政务网】测试' });
    expect(printed).toEqual(['SMS to +86 138****0001: 【新华区政务网】测试']);
  });
});
