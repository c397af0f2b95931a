import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One SendSms the stand-in took, as the gateway would read it. */
export interface GatewaySms {
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
}

type Answer = { status: number; body: Record<string, string | number> };

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const encode = (value: string) =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * Alibaba Cloud's SMS API (dysmsapi 2017-05-25, RPC style over HTTP) as a
 * stand-in on a local port: it checks each request's ACS3-HMAC-SHA256
 * signature against the one AccessKey pair it knows (the documented
 * canonical request), reads SendSms's parameters from the query, and
 * answers as the gateway does: HTTP 200 with `Code: OK`, or with the
 * refusal's code, or an HTTP error for a bad signature or throttling.
 */
export async function aliyunSmsStandIn(key: { accessKeyId: string; accessKeySecret: string }) {
  const taken: GatewaySms[] = [];
  const answers = new Map<string, Answer>();
  /** Signatures and templates as the gateway's review left them: status 0 reviewing, 1 approved, 2 rejected. */
  const signs = new Map<string, number>();
  const templates = new Map<string, { content: string; status: number }>();
  const requestId = () => `standin-${String(taken.length)}`;

  function signatureProblem(request: IncomingMessage, url: URL): string | undefined {
    const authorization = request.headers.authorization ?? '';
    const match =
      /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(
        authorization,
      );
    if (!match) return 'MissingAuthorization';
    const [, credential, signedHeaders, signature] = match;
    if (credential !== key.accessKeyId) return 'InvalidAccessKeyId.NotFound';
    const query = [...url.searchParams]
      .map(([name, value]) => [encode(name), encode(value)])
      .sort(([a], [b]) => (a! < b! ? -1 : 1))
      .map(([name, value]) => `${name}=${value}`)
      .join('&');
    const names = signedHeaders!.split(';');
    const headers = names
      .map((name) => `${name}:${[request.headers[name] ?? ''].flat().join(',').trim()}\n`)
      .join('');
    const canonical = [
      request.method,
      url.pathname,
      query,
      headers,
      signedHeaders,
      String(request.headers['x-acs-content-sha256']),
    ].join('\n');
    const expected = createHmac('sha256', key.accessKeySecret)
      .update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`)
      .digest('hex');
    return expected === signature ? undefined : 'SignatureDoesNotMatch';
  }

  /** The gateway's answer to one request: HTTP status and JSON body. */
  function answerOf(request: IncomingMessage, url: URL): Answer {
    const problem = signatureProblem(request, url);
    if (problem)
      return {
        status: problem === 'SignatureDoesNotMatch' ? 400 : 404,
        body: { Code: problem, Message: problem },
      };
    const parameter = (name: string) => url.searchParams.get(name) ?? '';
    if (request.headers['x-acs-version'] !== '2017-05-25')
      return { status: 404, body: { Code: 'InvalidVersion', Message: 'no such version' } };
    switch (request.headers['x-acs-action']) {
      case 'GetSmsSign': {
        const status = signs.get(parameter('SignName'));
        return status === undefined
          ? { status: 200, body: { Code: 'isv.SMS_SIGN_ILLEGAL', Message: 'no such signature' } }
          : {
              status: 200,
              body: { Code: 'OK', SignName: parameter('SignName'), SignStatus: status },
            };
      }
      case 'GetSmsTemplate': {
        const template = templates.get(parameter('TemplateCode'));
        return template === undefined
          ? { status: 200, body: { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: 'no such template' } }
          : {
              status: 200,
              body: {
                Code: 'OK',
                TemplateCode: parameter('TemplateCode'),
                TemplateContent: template.content,
                TemplateStatus: String(template.status),
              },
            };
      }
      case 'SendSms': {
        const sms: GatewaySms = {
          phoneNumbers: parameter('PhoneNumbers'),
          signName: parameter('SignName'),
          templateCode: parameter('TemplateCode'),
          templateParam: JSON.parse(parameter('TemplateParam') || '{}') as Record<string, string>,
        };
        taken.push(sms);
        return (
          answers.get(sms.phoneNumbers) ?? {
            status: 200,
            body: { Code: 'OK', Message: 'OK', BizId: `biz-${String(taken.length)}` },
          }
        );
      }
      default:
        return { status: 404, body: { Code: 'InvalidAction.NotFound', Message: 'no such action' } };
    }
  }

  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const { status, body } = answerOf(request, new URL(request.url ?? '/', 'http://stand-in'));
      response.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
      response.end(JSON.stringify({ RequestId: requestId(), ...body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    taken: (): readonly GatewaySms[] => taken,
    /** From now on the gateway answers SendSms to this number (11 digits) with `code`, as HTTP `status`. */
    answer(phoneNumbers: string, code: string, status = 200) {
      answers.set(phoneNumbers, { status, body: { Code: code, Message: code } });
    },
    /** A signature as the gateway's review left it (1 approved). */
    sign(name: string, status: number) {
      signs.set(name, status);
    },
    /** A template's code, wording and review status (1 approved). */
    template(code: string, content: string, status: number) {
      templates.set(code, { content, status });
    },
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}
