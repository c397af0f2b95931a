import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';

/** SNS, as AWS would take it: every Publish the platform makes, recorded (aws-sdk-client-mock). */
export const sns = mockClient(SNSClient);
sns.on(PublishCommand).resolves({ MessageId: 'local' });

export const published = () =>
  sns
    .commandCalls(PublishCommand)
    .map((call) => ({ to: call.args[0].input.PhoneNumber!, text: call.args[0].input.Message! }));
export const publishedTo = (phone: string) => published().filter((sms) => sms.to === phone);

/** The verification code last texted to a number. */
export function codeSentTo(phone: string): string {
  const text = publishedTo(phone).at(-1)?.text ?? '';
  const code = /验证码(\d{6})/.exec(text)?.[1];
  if (!code) throw new Error(`no code was texted to ${phone}`);
  return code;
}

let next = 0;
/** A fresh Chinese mobile number for each test. */
export const newMobile = () =>
  `+86139${String(Date.now() % 10_000).padStart(4, '0')}${String(next++).padStart(4, '0')}`;
