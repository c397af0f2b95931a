import { PublishCommand, SNSClient, SNSServiceException } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * SNS, as the tests see it: aws-sdk-client-mock stands in for every
 * SNSClient's `send`, so the platform's own SNS adapter (shared/sms/sns.ts)
 * runs and its Publish commands are recorded (refused ones too) and
 * answered as `sns` is told.
 */
type Answer = { refuse: { code: string; status: number } } | { before: () => Promise<void> };
interface Publish {
  to: string;
  text: string;
  attributes: Record<string, string>;
}
const publishes: Publish[] = [];
const answers = new Map<string, Answer>();

export const snsMock = mockClient(SNSClient);
snsMock.on(PublishCommand).callsFake(async (input: PublishCommand['input']) => {
  const to = input.PhoneNumber ?? '';
  const attributes = Object.fromEntries(
    Object.entries(input.MessageAttributes ?? {}).map(([name, value]) => [
      name,
      value.StringValue ?? '',
    ]),
  );
  publishes.push({ to, text: input.Message ?? '', attributes });
  const answer = answers.get(to);
  if (answer && 'refuse' in answer) {
    throw new SNSServiceException({
      name: answer.refuse.code,
      $fault: answer.refuse.status >= 500 ? 'server' : 'client',
      $metadata: { httpStatusCode: answer.refuse.status, requestId: 'test-request' },
      message: answer.refuse.code,
    });
  }
  if (answer) await answer.before();
  return { MessageId: `test-${publishes.length}` };
});

export const sns = {
  /** From now on SNS refuses every Publish to `phone` with this code (400: the caller's fault; 500: SNS's). */
  refuse(phone: string, code: string, status = 400) {
    answers.set(phone, { refuse: { code, status } });
  },
  /** From now on SNS runs `before`, then accepts, each Publish to `phone`. */
  onPublish(phone: string, before: () => Promise<void>) {
    answers.set(phone, { before });
  },
  /** From now on SNS accepts every Publish to `phone`. */
  accept(phone: string) {
    answers.delete(phone);
  },
  /** From now on SNS accepts every Publish. */
  acceptAll() {
    answers.clear();
  },
  /** Every Publish made so far, refused or not. */
  publishes: (): readonly Publish[] => publishes,
};

export const published = () => publishes.map(({ to, text }) => ({ to, text }));
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
