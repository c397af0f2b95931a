import dysmsapi, {
  GetSmsSignRequest,
  GetSmsTemplateRequest,
  SendSmsRequest,
} from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { SmsTemplate } from '../domain/smsTemplates.ts';
import type { SmsSender } from './sender.ts';

/**
 * The SDK's client class, its CommonJS module's `default`: Node and the
 * Lambda bundle import the whole module as the default, Vite (the tests)
 * the class itself.
 */
type Client = typeof dysmsapi.default;
const Dysmsapi: Client =
  (dysmsapi as { default?: Client }).default ?? (dysmsapi as unknown as Client);

/** The gateway's AccessKey pair, as the Secrets Manager secret holds it (JSON). */
export interface AliyunCredentials {
  accessKeyId: string;
  accessKeySecret: string;
}

export interface AliyunSmsSettings {
  /** The signature (签名) registered with the gateway, e.g. 新华区政务网. */
  signName: string;
  /** The code the gateway gave each registered template, e.g. SMS_465432109. */
  templateCodes: Record<SmsTemplate, string>;
  /** `dysmsapi.aliyuncs.com` unless told (a stand-in in tests). */
  endpoint?: string;
  protocol?: 'https' | 'http';
}

/** Codes the gateway answers when it holds back every request for a while: the caller stops this run. */
const THROTTLED = /^Throttling|^isv\.DAY_LIMIT_CONTROL$|^isv\.AMOUNT_NOT_ENOUGH$/;

/** Refused by the gateway: the name is its code (`isv.MOBILE_NUMBER_ILLEGAL`), `Throttling…` when held back. */
export class SmsGatewayError extends Error {
  constructor(
    readonly code: string,
    readonly requestId: string | undefined,
  ) {
    super(`the SMS gateway refused: ${code}`);
    this.name = THROTTLED.test(code) ? `Throttling(${code})` : code;
  }
}

/** A mainland number goes as its 11 digits; any other with its country code, without `+`. */
const gatewayNumber = (e164: string) =>
  e164.startsWith('+86') ? e164.slice(3) : e164.replace(/^\+/, '');

/**
 * SMS through Alibaba Cloud's SMS service (短信服务, dysmsapi 2017-05-25),
 * for a platform deployed in the AWS China regions, where SNS sends none:
 * one SendSms per phone, with the template's code and its values (the
 * gateway adds the registered signature), through the official SDK, which
 * signs each request (ACS3-HMAC-SHA256). The gateway answers a refusal
 * with HTTP 200 and a code other than OK: that throws too. The AccessKey
 * pair is read on first use (Secrets Manager, deployed).
 */
export function aliyunSmsSender(
  credentials: () => Promise<AliyunCredentials>,
  settings: AliyunSmsSettings,
): SmsSender {
  const ready = gatewayClient(credentials, settings);
  return {
    async send(to, { template, params }) {
      const request = new SendSmsRequest({
        phoneNumbers: gatewayNumber(to),
        signName: settings.signName,
        templateCode: settings.templateCodes[template],
        templateParam: JSON.stringify(params),
      });
      const client = await ready();
      const { body } = await client.sendSms(request).catch(gatewayRefusal);
      if (body?.code !== 'OK') throw new SmsGatewayError(body?.code ?? 'NoAnswer', body?.requestId);
    },
  };
}

/** An HTTP error from the gateway: the SDK's error carries its code. */
function gatewayRefusal(error: unknown): never {
  const { code, data } = error as { code?: string; data?: { RequestId?: string } };
  throw code ? new SmsGatewayError(code, data?.RequestId) : error;
}

/** The review of a signature or a template at the gateway. */
export type GatewayReview =
  | {
      status: 'approved' | 'reviewing' | 'rejected' | 'withdrawn';
      content?: string;
      reason?: string;
    }
  | { status: 'missing'; code: string };

const REVIEW_STATUS: Record<string, 'reviewing' | 'approved' | 'rejected' | 'withdrawn'> = {
  0: 'reviewing',
  1: 'approved',
  2: 'rejected',
  10: 'withdrawn',
};
const reviewOf = (status: number | string | undefined) =>
  REVIEW_STATUS[String(status ?? 0)] ?? 'reviewing';

/**
 * What `npm run preflight` asks the gateway: whether the signature and each
 * template are approved (GetSmsSign, GetSmsTemplate) and, for a template,
 * the wording it was approved with.
 */
export function aliyunGatewayReviews(
  credentials: () => Promise<AliyunCredentials>,
  settings: Pick<AliyunSmsSettings, 'endpoint' | 'protocol'> = {},
) {
  const ready = gatewayClient(credentials, settings);
  return {
    async sign(signName: string): Promise<GatewayReview> {
      const client = await ready();
      const { body } = await client
        .getSmsSign(new GetSmsSignRequest({ signName }))
        .catch(gatewayRefusal);
      if (body?.code !== 'OK') return { status: 'missing', code: body?.code ?? 'NoAnswer' };
      const reason = body.auditInfo?.rejectInfo;
      return { status: reviewOf(body.signStatus), ...(reason ? { reason } : {}) };
    },
    async template(templateCode: string): Promise<GatewayReview> {
      const client = await ready();
      const { body } = await client
        .getSmsTemplate(new GetSmsTemplateRequest({ templateCode }))
        .catch(gatewayRefusal);
      if (body?.code !== 'OK') return { status: 'missing', code: body?.code ?? 'NoAnswer' };
      const reason = body.auditInfo?.rejectInfo;
      return {
        status: reviewOf(body.templateStatus),
        ...(body.templateContent ? { content: body.templateContent } : {}),
        ...(reason ? { reason } : {}),
      };
    },
  };
}

/** The SDK's client, made once the AccessKey pair is read (read again after a failed read). */
function gatewayClient(
  credentials: () => Promise<AliyunCredentials>,
  settings: Pick<AliyunSmsSettings, 'endpoint' | 'protocol'>,
) {
  let client: Promise<InstanceType<typeof Dysmsapi>> | undefined;
  return () =>
    (client ??= credentials().then(
      ({ accessKeyId, accessKeySecret }) =>
        new Dysmsapi(
          new $OpenApiUtil.Config({
            accessKeyId,
            accessKeySecret,
            endpoint: settings.endpoint ?? 'dysmsapi.aliyuncs.com',
            protocol: settings.protocol ?? 'https',
            connectTimeout: 3_000,
            readTimeout: 5_000,
          }),
        ),
      (error: unknown) => {
        client = undefined;
        throw error;
      },
    ));
}
