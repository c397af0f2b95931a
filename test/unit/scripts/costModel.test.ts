import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_SETTINGS } from '../../../shared/domain/reminders.ts';
import { costDocument, monthlyCost } from '../../../scripts/cost-model.ts';
import { ISSUE_DISTRICT, smsVolume } from '../../../scripts/district.ts';
import { PRICES } from '../../../scripts/prices.ts';

describe('the cost model', () => {
  it('counts SMS from the reminder settings: reminders, before-due reminders, escalations, codes', () => {
    // 40,000 receipts; 10% late = 4,000, reminded twice on 3 phones = 24,000;
    // escalated from the 2nd reminder: 4,000 × 1 × 2 office phones = 8,000;
    // feedback (8,000 receipts), half unanswered at each of the 2 before-due reminders, 3 phones = 24,000.
    expect(smsVolume(ISSUE_DISTRICT, DEFAULT_REMINDER_SETTINGS)).toEqual({
      reminders: 24_000,
      beforeDue: 24_000,
      escalations: 8_000,
      codes: 10,
      total: 56_010,
    });
    const fewer = {
      ...DEFAULT_REMINDER_SETTINGS,
      feedback: { ...DEFAULT_REMINDER_SETTINGS.feedback, answerRemindersBeforeMinutes: [120] },
    };
    expect(smsVolume(ISSUE_DISTRICT, fewer).beforeDue).toBe(12_000);
  });

  it('prices each line from the prices file: SMS at 56,010 × $0.0325, Cognito at 240 × $0.02', () => {
    const { lines, total } = monthlyCost(ISSUE_DISTRICT, DEFAULT_REMINDER_SETTINGS, PRICES);
    const line = (service: string) => lines.find((l) => l.service.startsWith(service))?.usd;
    expect(line('SMS')).toBe(1820.33);
    expect(line('Cognito')).toBe(4.8);
    expect(line('Secrets Manager')).toBe(0.8);
    // 50 alarms × $0.10 + 16 metrics × $0.30 + a dashboard $3 + 0.49 GB of logs × $0.733.
    expect(line('CloudWatch')).toBe(13.16);
    expect(total).toBeCloseTo(
      lines.reduce((sum, l) => sum + l.usd, 0),
      2,
    );
    expect(lines.map((l) => l.service)).toEqual([
      'Lambda (arm64, 512 MB)',
      'API Gateway (HTTP API)',
      'DynamoDB (on-demand)',
      'S3 (photos, files)',
      'CloudFront (console, citizen site)',
      'SMS to +86 (SNS)',
      'KMS (seal key and its signatures)',
      'Secrets Manager',
      'Cognito (Plus plan)',
      'CloudWatch',
    ]);
  });

  it('is what docs/cost-model.md says (npm run cost-model rewrites it)', () => {
    expect(readFileSync(new URL('../../../docs/cost-model.md', import.meta.url), 'utf8')).toBe(
      costDocument(),
    );
  });
});
