import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';

/** Sends one SMS; throws when it could not be handed over, so the caller can retry later. */
export interface SmsSender {
  send(to: string, text: string): Promise<void>;
}

/**
 * SMS through SNS: one Publish per phone, Transactional. China takes no
 * sender ID; set a sender ID or an origination number only where they
 * apply. A throttle or a fault is retried with backoff by the SDK.
 */
export function snsSmsSender(
  sns: SNSClient,
  options: { senderId?: string | undefined; originationNumber?: string | undefined } = {},
): SmsSender {
  const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
  return {
    async send(to, text) {
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
