import { describe, expect, it } from 'vitest';

describe('business metrics', () => {
  it('are published as CloudWatch EMF, and an invocation with none publishes nothing', async () => {
    process.env['POWERTOOLS_METRICS_DISABLED'] = 'false';
    const { recordMetrics } = await import('../../../shared/observability/metrics.ts');
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string) => (lines.push(chunk), true);
    try {
      recordMetrics([
        { name: 'DispatchesSent', value: 1 },
        { name: 'ReceiptsCreated', value: 14 },
        { name: 'LateAcknowledgements', value: 0 },
      ]);
      recordMetrics([{ name: 'RemindersFailed', value: 0 }]);
    } finally {
      process.stdout.write = write;
      process.env['POWERTOOLS_METRICS_DISABLED'] = 'true';
    }
    expect(lines).toHaveLength(1);
    const emf = JSON.parse(lines[0]!) as {
      _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] };
      DispatchesSent: number;
      ReceiptsCreated: number;
    };
    expect(emf._aws.CloudWatchMetrics[0]?.Namespace).toBe('XinhuaPlatform');
    expect(emf._aws.CloudWatchMetrics[0]?.Metrics.map((metric) => metric.Name).sort()).toEqual([
      'DispatchesSent',
      'ReceiptsCreated',
    ]);
    expect(emf).toMatchObject({ DispatchesSent: 1, ReceiptsCreated: 14 });
  });
});
