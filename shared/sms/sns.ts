import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsSender } from './sender.ts';

/**
 * SMS through SNS: one Publish per phone, Transactional, the whole text
 * (SNS knows no templates; China wants the wording registered with AWS). China takes no
 * sender ID; set a sender ID or an origination number only where they
 * apply. A throttle or a fault is retried with backoff by the SDK.
 */
export function snsSmsSender(
  sns: SNSClient,
  options: { senderId?: string | undefined; originationNumber?: string | undefined } = {},
): SmsSender {
  const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
  return {
    async send(to, { text }) {
      await sns.send(
        new PublishCommand({
          PhoneNumber: to,
          Message: text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': attribute('Transactional'),
            ...(options.senderId ? { 'AWS.SNS.SMS.SenderID': attribute(options.senderId) } : {}),
            ...(options.originationNumber
              ? { 'AWS.MM.SMS.OriginationNumber': attribute(options.originationNumber) }
              : {}),
          },
        }),
      );
    },
  };
}
