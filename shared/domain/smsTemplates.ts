import type { DispatchKind } from './deadlines.ts';

/** Counts per kind of what a message covers: receipts by their dispatch's kind, citizens' reports. */
type Counts = Partial<Record<DispatchKind | 'report', number>>;

/**
 * Every SMS the platform sends comes from one of these templates: China
 * requires each template registered in advance (with AWS for SNS, with the
 * gateway for a domestic one, which adds the signature itself). They name
 * no content of an item (Art12): only kind, count and deadline. Each
 * renders within 70 characters with the signature, one UCS-2 part.
 */
export const SMS_MAX_CHARS = 70;
/** The signature SNS sends at the head of the text; a domestic gateway adds its registered one. */
export const SMS_SIGNATURE = '新华区政务网';

/** The wordings, as registered: `${name}` is a variable, filled with a value of its own. */
export const SMS_TEMPLATES = {
  unitReminder: '贵单位有${items}${owed}，最早时限${deadline}，请尽快登录处理。',
  escalation: '${units}共${count}${what}，最早时限${deadline}，请督促。',
  verificationCode: '验证码${code}，10分钟内有效，用于登记接收提醒的手机号。',
  signInCode: '验证码${code}，5分钟内有效，用于登录新华区政务网，请勿告诉他人。',
  accountOpened:
    '您的新华区政务网账号已开通，临时密码${password}，首次登录须设置新密码，请勿告诉他人。',
} as const;
export type SmsTemplate = keyof typeof SMS_TEMPLATES;

/** One SMS: the template and its values (what a gateway sends), and the whole text (what SNS sends). */
export interface SmsMessage {
  template: SmsTemplate;
  params: Record<string, string>;
  text: string;
}

function sms(template: SmsTemplate, params: Record<string, string>): SmsMessage {
  const body = SMS_TEMPLATES[template].replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`SMS template ${template} needs ${name}`);
    return value;
  });
  return { template, params, text: `【${SMS_SIGNATURE}】${body}` };
}
const KIND_NAMES: Record<DispatchKind | 'report', string> = {
  notice: '通知',
  document: '文件',
  feedback: '反馈件',
  report: '群众诉求',
};
const total = (counts: Counts) => Object.values(counts).reduce((sum, n) => sum + n, 0);
const onlyReports = (counts: Counts) => total(counts) === (counts.report ?? 0);

/** Beijing time, as a reader in the district reads it: 11月25日10:10. */
export function beijingTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** To a unit's reminder phones and its person on duty. */
export function unitReminderSms(counts: Counts, earliestDeadline: string): SmsMessage {
  const items = (Object.keys(KIND_NAMES) as (keyof typeof KIND_NAMES)[])
    .filter((kind) => (counts[kind] ?? 0) > 0)
    .map((kind) => `${KIND_NAMES[kind]}${counts[kind]}件`)
    .join('、');
  return sms('unitReminder', {
    items,
    owed: onlyReports(counts) ? '待办理' : '待签收或办理',
    deadline: beijingTime(earliestDeadline),
  });
}

/** How much of a unit's name an escalation shows, so that it stays one SMS part. */
export const UNIT_NAME_CHARS = 12;

/**
 * To the district office, once a unit has been reminded enough times, at its
 * last reminder, or when the unit has no phone to remind: it names the unit
 * (a unit's name is not content of the item, Art12).
 */
export function escalationSms(
  unitName: string,
  unitCount: number,
  counts: Counts,
  earliestDeadline: string,
): SmsMessage {
  return sms('escalation', {
    // One variable for the named unit and how many more: a gateway may refuse an empty value.
    units: `${
      unitName.length > UNIT_NAME_CHARS ? `${unitName.slice(0, UNIT_NAME_CHARS - 1)}…` : unitName
    }${unitCount > 1 ? `等${unitCount}个单位` : ''}`,
    count: String(total(counts)),
    what: onlyReports(counts)
      ? '件群众诉求逾期未办结'
      : counts.report
        ? '件逾期未签收、未反馈或未办结'
        : '件逾期未签收或未反馈',
    deadline: beijingTime(earliestDeadline),
  });
}

/** To a newly registered number, so a mistyped one is caught the day it is entered. */
export function verificationCodeSms(code: string): SmsMessage {
  return sms('verificationCode', { code });
}

/** Phone sign-in (Art14): the code that signs a unit's registered number's holder in. */
export function signInCodeSms(code: string): SmsMessage {
  return sms('signInCode', { code });
}

/**
 * A new staff account's temporary password, where the platform signs staff
 * in itself (the China regions: no Cognito to mail it, no SES to mail it).
 */
export function accountOpenedSms(password: string): SmsMessage {
  return sms('accountOpened', { password });
}
