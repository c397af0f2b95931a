import { appendFile } from 'node:fs/promises';
import { config } from '../config.ts';
import { maskPhone } from '../domain/phones.ts';
import { queryService, type QueryCall } from './awsCall.ts';

/** Sends one SMS; throws when it could not be handed over, so the caller can retry later. */
export interface SmsSender {
  send(to: string, text: string): Promise<void>;
}

/**
 * SMS through SNS: one Publish per phone, Transactional. China takes no
 * sender ID; set SMS_SENDER_ID or SMS_ORIGINATION_NUMBER only where they
 * apply. A throttle or a fault is retried with backoff (shared/aws/awsCall.ts).
 */
export function snsSmsSender(
  sns: QueryCall,
  options: { senderId?: string | undefined; originationNumber?: string | undefined },
): SmsSender {
  const attributes = [
    ['AWS.SNS.SMS.SMSType', 'Transactional'],
    ...(options.senderId ? [['AWS.SNS.SMS.SenderID', options.senderId]] : []),
    ...(options.originationNumber
      ? [['AWS.MM.SMS.OriginationNumber', options.originationNumber]]
      : []),
  ];
  // Publish's MessageAttributes, as the query protocol spells a map: entry.N.Name, entry.N.Value.
  const parameters = Object.fromEntries(
    attributes.flatMap(([name = '', value = ''], i) => [
      [`MessageAttributes.entry.${i + 1}.Name`, name],
      [`MessageAttributes.entry.${i + 1}.Value.DataType`, 'String'],
      [`MessageAttributes.entry.${i + 1}.Value.StringValue`, value],
    ]),
  );
  return {
    async send(to, text) {
      await sns('Publish', { PhoneNumber: to, Message: text, ...parameters });
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
        const {
          SMS_OUTBOX_FILE,
          SMS_SENDER_ID,
          SMS_ORIGINATION_NUMBER,
          SMS_REGION,
          AWS_REGION,
          SNS_ENDPOINT,
        } = config();
        fromConfig = SMS_OUTBOX_FILE
          ? outboxSmsSender(SMS_OUTBOX_FILE)
          : snsSmsSender(
              queryService({
                name: 'sns',
                version: '2010-03-31',
                region: SMS_REGION ?? AWS_REGION,
                endpoint: SNS_ENDPOINT,
              }),
              { senderId: SMS_SENDER_ID, originationNumber: SMS_ORIGINATION_NUMBER },
            );
      }
      return fromConfig.send(to, text);
    },
  };
}
