import { appendFile } from 'node:fs/promises';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { config } from '../config.ts';
import { maskPhone } from '../domain/phones.ts';

/** Sends one SMS; throws when it could not be handed over, so the caller can retry later. */
export interface SmsSender {
  send(to: string, text: string): Promise<void>;
}

/**
 * SMS through SNS: one Publish per phone, Transactional. China takes no
 * sender ID; set SMS_SENDER_ID or SMS_ORIGINATION_NUMBER only where they
 * apply. Throttling is retried with backoff by the SDK (maxAttempts).
 */
export function snsSmsSender(
  client: SNSClient,
  options: { senderId?: string | undefined; originationNumber?: string | undefined },
): SmsSender {
  const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
  return {
    async send(to, text) {
      await client.send(
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

/** The local platform's SMS: a line `{to, text, at}` in a JSONL file, and the masked number on the console. */
export function outboxSmsSender(
  file: string,
  print: (line: string) => void = console.log,
): SmsSender {
  return {
    async send(to, text) {
      await appendFile(file, `${JSON.stringify({ to, text, at: new Date().toISOString() })}\n`);
      print(`SMS to ${maskPhone(to)}: ${text}`);
    },
  };
}

let fromConfig: SmsSender | undefined;

/**
 * SNS in AWS; the outbox when SMS_OUTBOX_FILE is set (the local platform
 * sets it). Chosen on the first message, so a handler module can be imported
 * (for its route schemas) where no environment is set.
 */
export function smsSenderFromConfig(): SmsSender {
  return {
    send(to, text) {
      if (!fromConfig) {
        const { SMS_OUTBOX_FILE, SMS_SENDER_ID, SMS_ORIGINATION_NUMBER, SMS_REGION } = config();
        fromConfig = SMS_OUTBOX_FILE
          ? outboxSmsSender(SMS_OUTBOX_FILE)
          : snsSmsSender(
              new SNSClient({ maxAttempts: 4, ...(SMS_REGION ? { region: SMS_REGION } : {}) }),
              {
                senderId: SMS_SENDER_ID,
                originationNumber: SMS_ORIGINATION_NUMBER,
              },
            );
      }
      return fromConfig.send(to, text);
    },
  };
}
