/**
 * The monthly cost of a district, line by line, from the reminder settings,
 * the district's traffic (scripts/district.ts) and the prices with their
 * date (scripts/prices.ts). `npm run cost-model` prints it and rewrites
 * docs/cost-model.md, so the document stays what the script computes
 * (a test checks it).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from '../shared/domain/reminders.ts';
import { ISSUE_DISTRICT, smsVolume, type District } from './district.ts';
import { PRICES, type Prices } from './prices.ts';

/** What the stack itself holds, whatever the traffic (test/infra checks these against the template). */
export const STACK_FACTS = {
  alarms: 50,
  dashboards: 1,
  /** Business metrics (EMF) with their dimensions: README "Tests and checks". */
  customMetrics: 16,
  kmsKeys: 3,
  secrets: 2,
  /** The reminder check runs every minute; the audit digest every hour. */
  reminderRunsPerMonth: 30 * 24 * 60,
  digestRunsPerMonth: 30 * 24,
};

/** How one request weighs, on average (bench and logs, not guesses about a real district). */
const PER_REQUEST = {
  lambdaSeconds: 0.12,
  lambdaGb: 0.5,
  logBytes: 1_200,
  /** Write units: a receipt's 签收 or answer is a transaction (2 units per item) of 3 to 4 items. */
  writeUnitsPerReceiptChange: 8,
  /** Read units of a list or a page (eventually consistent, 4 KB each). */
  readUnitsPerCall: 2,
  /** A dispatch to N units: ceil((2N+4)/100) transactions of 2 units per item (bench:dispatch). */
  writeUnitsPerDispatchItem: 2,
  /** A report and each of its ~3 updates: transactions of 4 to 6 items (report, audit, nearby, ranking, board). */
  writeUnitsPerReport: 2 * 5 * 4,
  reminderRunSeconds: 0.3,
  reminderRunReadUnits: 8,
};

export interface CostLine {
  service: string;
  usage: string;
  usd: number;
}

const fmt = (value: number) => Math.round(value).toLocaleString('en-US');
const cents = (usd: number) => Math.round(usd * 100) / 100;

export function monthlyCost(
  district: District,
  settings: ReminderSettings,
  prices: Prices,
): { lines: CostLine[]; total: number; sms: ReturnType<typeof smsVolume> } {
  const receipts = district.dispatchesPerMonth * district.recipientsPerDispatch;
  const apiCalls =
    receipts * district.apiCallsPerReceipt + district.reportsPerMonth * district.apiCallsPerReport;
  const photos = district.reportsPerMonth * district.photosPerReport;
  const invocations =
    apiCalls + photos + STACK_FACTS.reminderRunsPerMonth + STACK_FACTS.digestRunsPerMonth;
  const gbSeconds =
    (apiCalls + photos) * PER_REQUEST.lambdaSeconds * PER_REQUEST.lambdaGb +
    STACK_FACTS.reminderRunsPerMonth * PER_REQUEST.reminderRunSeconds * PER_REQUEST.lambdaGb;
  const writeUnits =
    district.dispatchesPerMonth *
      (2 * district.recipientsPerDispatch + 4) *
      PER_REQUEST.writeUnitsPerDispatchItem +
    receipts * 2 * PER_REQUEST.writeUnitsPerReceiptChange +
    district.reportsPerMonth * PER_REQUEST.writeUnitsPerReport;
  const readUnits =
    apiCalls * PER_REQUEST.readUnitsPerCall +
    STACK_FACTS.reminderRunsPerMonth * PER_REQUEST.reminderRunReadUnits;
  const photoGb = (photos * district.photoBytes) / 1e9;
  const sms = smsVolume(district, settings);
  const logGb = (invocations * PER_REQUEST.logBytes) / 1e9;
  const cdnGb = (district.pageLoads * district.bytesPerPageLoad) / 1e9;
  const cdnRequests = district.pageLoads * 10;
  const signatures = STACK_FACTS.digestRunsPerMonth + district.units * 4;

  const lines: CostLine[] = [
    {
      service: 'Lambda (arm64, 512 MB)',
      usage: `${fmt(invocations)} invocations, ${fmt(gbSeconds)} GB-s`,
      usd:
        (invocations / 1e6) * prices.lambda.perMillionRequests +
        gbSeconds * prices.lambda.perGbSecond,
    },
    {
      service: 'API Gateway (HTTP API)',
      usage: `${fmt(apiCalls)} requests`,
      usd: (apiCalls / 1e6) * prices.apiGateway.perMillionRequests,
    },
    {
      service: 'DynamoDB (on-demand)',
      usage: `${fmt(writeUnits)} write units, ${fmt(readUnits)} read units, ~1 GB`,
      usd:
        (writeUnits / 1e6) * prices.dynamodb.perMillionWriteUnits +
        (readUnits / 1e6) * prices.dynamodb.perMillionReadUnits +
        prices.dynamodb.perGbMonth,
    },
    {
      service: 'S3 (photos, files)',
      usage: `${photoGb.toFixed(1)} GB added (stored from then on), ${fmt(photos * 2)} writes, ${fmt(photos * 10)} reads`,
      usd:
        photoGb * prices.s3.perGbMonth +
        ((photos * 2) / 1000) * prices.s3.perThousandWrites +
        ((photos * 10) / 1000) * prices.s3.perThousandReads,
    },
    {
      service: 'CloudFront (console, citizen site)',
      usage: `${cdnGb.toFixed(1)} GB, ${fmt(cdnRequests)} requests`,
      usd:
        cdnGb * prices.cloudfront.perGbOut +
        (cdnRequests / 10_000) * prices.cloudfront.perTenThousandHttpsRequests,
    },
    {
      service: 'SMS to +86 (SNS)',
      usage: `${fmt(sms.total)} messages, at most (reminders ${fmt(sms.reminders)}, before due ${fmt(sms.beforeDue)}, escalations ${fmt(sms.escalations)}, codes ${fmt(sms.codes)})`,
      usd: sms.total * prices.sms.perMessageToChina,
    },
    {
      service: 'KMS (seal key and its signatures)',
      usage: `${String(STACK_FACTS.kmsKeys)} keys, ${fmt(signatures)} signatures`,
      usd:
        STACK_FACTS.kmsKeys * prices.kms.perKeyMonth +
        (signatures / 10_000) * prices.kms.perTenThousandAsymmetricRequests,
    },
    {
      service: 'Secrets Manager',
      usage: `${String(STACK_FACTS.secrets)} secrets (phone-code key, origin-verify header)`,
      usd: STACK_FACTS.secrets * prices.secretsManager.perSecretMonth,
    },
    {
      service: 'Cognito (Plus plan)',
      usage: `${fmt(district.staffAccounts)} monthly active staff`,
      usd: district.staffAccounts * prices.cognito.plusPerMau,
    },
    {
      service: 'CloudWatch',
      usage: `${logGb.toFixed(2)} GB logs, ${String(STACK_FACTS.customMetrics)} metrics, ${String(STACK_FACTS.alarms)} alarms, ${String(STACK_FACTS.dashboards)} dashboard`,
      usd:
        logGb * (prices.cloudwatch.logsPerGbIngested + prices.cloudwatch.logsPerGbStored) +
        STACK_FACTS.customMetrics * prices.cloudwatch.perMetricMonth +
        STACK_FACTS.alarms * prices.cloudwatch.perAlarmMonth +
        STACK_FACTS.dashboards * prices.cloudwatch.perDashboardMonth,
    },
  ].map((line) => ({ ...line, usd: cents(line.usd) }));
  return { lines, total: cents(lines.reduce((sum, line) => sum + line.usd, 0)), sms };
}

/** The cost model as the Markdown document docs/cost-model.md. */
export function costDocument(district = ISSUE_DISTRICT, settings = DEFAULT_REMINDER_SETTINGS) {
  const { lines, total } = monthlyCost(district, settings, PRICES);
  const sources = Object.entries(PRICES)
    .filter(([, value]) => typeof value === 'object')
    .map(([name, value]) => `- ${name}: ${(value as { source: string }).source}`);
  return [
    '# Monthly cost of a district',
    '',
    'Written by `npm run cost-model` (scripts/cost-model.ts) from the default',
    'reminder settings, the district below (scripts/district.ts) and the prices',
    `in scripts/prices.ts: AWS list prices in USD for ${PRICES.region}, as of`,
    `${PRICES.asOf}, on-demand, before free tiers. They were not read online when`,
    'this was written (the build machines cannot reach AWS): check them at the',
    'sources below before budgeting, and change them there.',
    '',
    `A district of ${fmt(district.units)} units, ${fmt(district.dispatchesPerMonth)} dispatches a month to ${fmt(district.recipientsPerDispatch)} units each`,
    `(${fmt(district.dispatchesPerMonth * district.recipientsPerDispatch)} receipts), ${fmt(district.reportsPerMonth)} citizen reports with ${String(district.photosPerReport)} photos each,`,
    `${fmt(district.staffAccounts)} staff signing in; ${String(district.lateShare * 100)}% of receipts late, each reminded ${String(district.remindersBeforeAction)} times`,
    `on ${String(district.phonesPerUnit)} phones before its unit acts.`,
    '',
    '| Service | Usage a month | USD a month |',
    '|---|---|---:|',
    ...lines.map((line) => `| ${line.service} | ${line.usage} | ${line.usd.toFixed(2)} |`),
    `| **Total** | | **${total.toFixed(2)}** |`,
    '',
    'SMS dominate, and the figure is an upper bound: the reminder check sends one',
    'message per unit per run whatever the number of its late items, and a unit',
    'that acts after the first reminder halves its share. The reminder settings',
    '(`PUT /settings/reminders`) move it most: `maxReminders`, `repeatEveryMinutes`',
    'and the "before the answer is due" reminders of feedback requests.',
    'Free tiers (Lambda, CloudFront, DynamoDB storage) take most of the small lines off.',
    '',
    'Prices used:',
    '',
    ...sources,
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('cost-model.ts')) {
  const document = costDocument();
  writeFileSync(resolve(import.meta.dirname, '..', 'docs', 'cost-model.md'), document);
  console.log(document);
}
