import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * SNS, as AWS would take it: a stand-in endpoint on localhost that speaks
 * Publish in the query protocol, records every Publish the platform makes
 * (refused ones too), and answers as `sns` is told. Importing this module
 * points the platform's SMS at it (SNS_ENDPOINT).
 */
type Answer = { refuse: { code: string; status: number } } | { before: () => Promise<void> };
interface Publish {
  to: string;
  text: string;
  attributes: Record<string, string>;
}
const publishes: Publish[] = [];
const answers = new Map<string, Answer>();

const xml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void (async () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const attributes: Record<string, string> = {};
      for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n++)
        attributes[form.get(`MessageAttributes.entry.${n}.Name`) ?? ''] =
          form.get(`MessageAttributes.entry.${n}.Value.StringValue`) ?? '';
      const to = form.get('PhoneNumber') ?? '';
      const signed = /^AWS4-HMAC-SHA256 Credential=\S+\/sns\/aws4_request/.test(
        request.headers.authorization ?? '',
      );
      if (form.get('Action') !== 'Publish' || !signed || !to) {
        response
          .writeHead(400)
          .end('<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>');
        return;
      }
      publishes.push({ to, text: form.get('Message') ?? '', attributes });
      const answer = answers.get(to);
      if (answer && 'refuse' in answer) {
        response
          .writeHead(answer.refuse.status, { 'content-type': 'text/xml' })
          .end(
            `<ErrorResponse><Error><Type>Sender</Type><Code>${answer.refuse.code}</Code><Message>${xml(answer.refuse.code)}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
          );
        return;
      }
      if (answer) await answer.before();
      response
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(
          '<PublishResponse><PublishResult><MessageId>local</MessageId></PublishResult></PublishResponse>',
        );
    })();
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
server.unref();
process.env['SNS_ENDPOINT'] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

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
