import { describe, expect, it } from 'vitest';
import {
  beijingTime,
  escalationSms,
  SMS_MAX_CHARS,
  SMS_SIGNATURE,
  SMS_TEMPLATES,
  unitReminderSms,
  signInCodeSms,
  verificationCodeSms,
} from '../../../shared/domain/smsTemplates.ts';

describe('SMS templates', () => {
  it('write deadlines in Beijing time', () => {
    expect(beijingTime('2026-11-25T02:10:00.000Z')).toBe('11月25日10:10');
    expect(beijingTime('2026-12-31T16:05:00.000Z')).toBe('1月1日00:05');
  });

  it('name kinds and counts only', () => {
    expect(unitReminderSms({ notice: 2, feedback: 1 }, '2026-11-25T02:10:00.000Z').text).toBe(
      '【新华区政务网】贵单位有通知2件、反馈件1件待签收或办理，最早时限11月25日10:10，请尽快登录处理。',
    );
  });

  it('say 群众诉求 for citizens’ reports, alone or with receipts', () => {
    expect(unitReminderSms({ report: 3 }, '2026-11-25T02:10:00.000Z').text).toBe(
      '【新华区政务网】贵单位有群众诉求3件待办理，最早时限11月25日10:10，请尽快登录处理。',
    );
    expect(unitReminderSms({ notice: 1, report: 2 }, '2026-11-25T02:10:00.000Z').text).toBe(
      '【新华区政务网】贵单位有通知1件、群众诉求2件待签收或办理，最早时限11月25日10:10，请尽快登录处理。',
    );
    expect(escalationSms('区城管局', 1, { report: 2 }, '2026-11-25T02:10:00.000Z').text).toBe(
      '【新华区政务网】区城管局共2件群众诉求逾期未办结，最早时限11月25日10:10，请督促。',
    );
  });

  it('name the late unit in an escalation, and how many others there are', () => {
    expect(escalationSms('区卫生局', 1, { notice: 2 }, '2026-11-25T02:10:00.000Z').text).toBe(
      '【新华区政务网】区卫生局共2件逾期未签收或未反馈，最早时限11月25日10:10，请督促。',
    );
    expect(
      escalationSms('赵陵铺镇人民政府', 3, { notice: 3, feedback: 2 }, '2026-11-25T02:10:00.000Z')
        .text,
    ).toBe(
      '【新华区政务网】赵陵铺镇人民政府等3个单位共5件逾期未签收或未反馈，最早时限11月25日10:10，请督促。',
    );
  });

  it('fit one UCS-2 part (70 characters) at their longest', () => {
    const longest = [
      unitReminderSms({ notice: 999, document: 999, feedback: 999 }, '2026-12-31T15:59:00.000Z'),
      escalationSms(
        '新华区某某某某某某某某某某某某某某某某某某某某某某某某委员会',
        999,
        { notice: 99_999, report: 99_999 },
        '2026-12-31T15:59:00.000Z',
      ),
      verificationCodeSms('999999'),
      signInCodeSms('999999'),
    ];
    // UCS-2 counts UTF-16 code units: string length, not code points.
    for (const { text } of longest) expect(text.length, text).toBeLessThanOrEqual(SMS_MAX_CHARS);
    // A domestic gateway takes each variable's value alone, none empty, up to 35 characters.
    for (const { params } of longest)
      for (const value of Object.values(params)) expect(value.length).toBeGreaterThan(0);
    for (const { params } of longest)
      for (const value of Object.values(params)) expect(value.length).toBeLessThanOrEqual(35);
  });

  it('carry the registered template and its values, which render the same text', () => {
    const message = escalationSms('区卫生局', 2, { notice: 2 }, '2026-11-25T02:10:00.000Z');
    expect(message.template).toBe('escalation');
    expect(Object.keys(message.params).sort()).toEqual(
      [...SMS_TEMPLATES.escalation.matchAll(/\$\{(\w+)\}/g)].map(([, name]) => name).sort(),
    );
    expect(message.text).toBe(
      `【${SMS_SIGNATURE}】${SMS_TEMPLATES.escalation.replace(/\$\{(\w+)\}/g, (_, name: string) => message.params[name]!)}`,
    );
  });
});
