import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishCommand, SNSClient, SNSServiceException } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { outboxSmsSender } from '../../../local/outboxes.ts';
import type { SmsMessage } from '../../../shared/domain/smsTemplates.ts';
import { snsSmsSender } from '../../../shared/sms/sns.ts';

const sns = mockClient(SNSClient);
const client = new SNSClient({ region: 'ap-southeast-1' });
/** A message whose text is whatever a test needs SNS to carry. */
const message = (text: string): SmsMessage => ({
  template: 'verificationCode',
  params: { code: '123456' },
  text,
});

beforeEach(() => {
  sns.reset();
});

describe('SMS through SNS', () => {
  it('publishes to the phone number as a Transactional SMS', async () => {
    await snsSmsSender(client).send('+8613800000001', message('【新华区政务网】测试 & <b>'));
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      PhoneNumber: '+8613800000001',
      Message: '【新华区政务网】测试 & <b>',
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      },
    });
  });

  it('sets a sender id and an origination number only when configured', async () => {
    await snsSmsSender(client, {
      senderId: 'XINHUA',
      originationNumber: '+6512345678',
    }).send('+8613800000002', message('x'));
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes).toEqual({
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'XINHUA' },
      'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+6512345678' },
    });
  });

  it('throws what SNS refused, with its code and request id, so the caller records nothing as sent', async () => {
    sns.on(PublishCommand).rejects(
      new SNSServiceException({
        name: 'InvalidParameter',
        $fault: 'client',
        $metadata: { httpStatusCode: 400, requestId: 'r-1' },
        message: 'Invalid parameter: PhoneNumber',
      }),
    );
    await expect(snsSmsSender(client).send('+8613800000003', message('x'))).rejects.toMatchObject({
      name: 'InvalidParameter',
      $metadata: { requestId: 'r-1' },
    });
  });
});

describe('the local outbox', () => {
  it('appends {to, text, template, params, at} and prints the number masked', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'sms-outbox.jsonl');
    const printed: string[] = [];
    await outboxSmsSender(file, (line) => printed.push(line)).send(
      '+8613800000001',
      message('【新华区政务网】测试'),
    );
    const [line] = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text));
    expect(line).toMatchObject({
      to: '+8613800000001',
      text: '【新华区政务网】测试',
      template: 'verificationCode',
      params: { code: '123456' },
    });
    expect(printed).toEqual(['SMS to +86 138****0001: 【新华区政务网】测试']);
  });
});
