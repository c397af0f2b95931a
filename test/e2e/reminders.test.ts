import { describe, expect, it } from 'vitest';
import { http, tokenFor } from '../support/client.ts';
import { smsOutbox } from '../support/outboxes.ts';

const outbox = smsOutbox;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SMS reminders on the local platform', () => {
  it(
    'register → verify with the code from the outbox → overdue notice texts the phone; the unit acknowledges',
    { timeout: 150_000 },
    async () => {
      const admin = await tokenFor('district-admin', 'info-center', 'admin-li');
      const office = await tokenFor('district-office', 'district-office', 'clerk-wang');
      const duty = await tokenFor('unit-staff', 'dadianzhuang-town', 'duty-sun');
      const phone = '+8613700000123';

      const registered = await http('POST', '/units/dadianzhuang-town/phones', {
        token: admin,
        body: { phone: '137 0000 0123', holderName: '孙值班', remind: true },
      });
      expect(registered.status).toBe(201);
      const code = /验证码(\d{6})/.exec(
        outbox()
          .filter((sms) => sms.to === phone)
          .at(-1)?.text ?? '',
      )?.[1];
      expect(code).toMatch(/^\d{6}$/);
      expect(
        (
          await http(
            'POST',
            `/units/dadianzhuang-town/phones/${encodeURIComponent(phone)}/verify`,
            { token: admin, body: { code } },
          )
        ).body.status,
      ).toBe('active');

      const sent = await http('POST', '/dispatches', {
        token: office,
        body: {
          kind: 'notice',
          title: '夜间紧急通知',
          body: '请立即签收。',
          recipients: ['dadianzhuang-town'],
          ackWithinMinutes: 1,
          declaredUnclassified: true,
        },
      });
      const deadline = Date.parse(sent.body.ackDueAt);
      const reminders = () =>
        outbox().filter((sms) => sms.to === phone && !sms.text.includes('验证码'));

      // The scheduler ticks every 5 s here. Tests assert no timing: wait for the SMS, then report how late it came.
      while (reminders().length === 0 && Date.now() < deadline + 90_000) await sleep(500);
      expect(reminders()).toHaveLength(1);
      const delay = Date.parse(reminders()[0]!.at) - deadline;
      expect(delay).toBeGreaterThanOrEqual(0);
      console.log(
        `reminder SMS in the outbox ${(delay / 1000).toFixed(1)} s after the deadline (${(delay / 5000).toFixed(1)} scheduler ticks of 5 s)`,
      );
      expect(reminders()[0]!.text).toContain('通知1件');

      // That no reminder follows the ack is test/integration/reminders.test.ts's, on a controlled clock:
      // here it would cost a real minute and more of every test run.
      expect((await http('POST', `/dispatches/${sent.body.id}/ack`, { token: duty })).status).toBe(
        200,
      );
    },
  );
});
