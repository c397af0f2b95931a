import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher, type CustomMatcher } from 'aws-sdk-client-mock-vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { outboxSmsSender, snsSmsSender } from '../../../shared/aws/sms.ts';

expect.extend(allCustomMatcher);
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Assertion<T = any> extends CustomMatcher<T> {}
}
const sns = mockClient(SNSClient);
beforeEach(() => sns.reset());

describe('SMS through SNS', () => {
  it('publishes to the phone number as a Transactional SMS', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    await snsSmsSender(new SNSClient({ region: 'cn-north-1' }), {}).send(
      '+8613800000001',
      '【新华区政务网】测试',
    );
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      PhoneNumber: '+8613800000001',
      Message: '【新华区政务网】测试',
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      },
    });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.TopicArn).toBeUndefined();
  });

  it('sets a sender id and an origination number only when configured', async () => {
    sns.on(PublishCommand).resolves({});
    await snsSmsSender(new SNSClient({ region: 'ap-southeast-1' }), {
      senderId: 'XINHUA',
      originationNumber: '+6512345678',
    }).send('+8613800000001', 'x');
    const attributes = sns.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes;
    expect(attributes?.['AWS.SNS.SMS.SenderID']?.StringValue).toBe('XINHUA');
    expect(attributes?.['AWS.MM.SMS.OriginationNumber']?.StringValue).toBe('+6512345678');
  });

  it('throws when SNS refuses, so the caller records nothing as sent', async () => {
    sns
      .on(PublishCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(
      snsSmsSender(new SNSClient({ region: 'cn-north-1', maxAttempts: 1 }), {}).send(
        '+8613800000001',
        'x',
      ),
    ).rejects.toThrow('Rate exceeded');
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
