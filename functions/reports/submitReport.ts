import type { Principal } from '../../shared/domain/principal.ts';
import {
  newReport,
  refuseUnreportable,
  type Report,
  type ReportRequest,
} from '../../shared/domain/reports.ts';
import { recordMetrics } from '../../shared/observability/metrics.ts';
import type { Store } from '../../shared/store/context.ts';
import { getService } from '../../shared/store/reportCategories.ts';
import { createReport, nextReportNumber } from '../../shared/store/reports.ts';
import { getReminderSettings } from '../../shared/store/settings.ts';

/**
 * A citizen's new report, however it came (our site, an Open311 client):
 * refused before a number is taken if its category is closed, numbered,
 * due from its category's hours, stored with its audit record.
 */
export async function submitReport<T = undefined>(
  store: Store,
  request: ReportRequest,
  citizen: Principal,
  now: Date,
  /** What must be ready before the report is kept (its photos' upload forms): a failure keeps nothing. */
  prepare?: (report: Report) => Promise<T>,
): Promise<{ report: Report; trackingToken: string; prepared: T | undefined }> {
  const [service, settings] = await Promise.all([
    getService(store, request.serviceCode),
    getReminderSettings(store),
  ]);
  // Refused before a number is taken: a refusal writes nothing.
  refuseUnreportable(request, service);
  const { report, trackingToken, audit } = newReport(request, {
    service,
    citizen,
    now,
    number: await nextReportNumber(store, now),
    settings,
  });
  const prepared = prepare ? await prepare(report) : undefined;
  await createReport(store, report, audit);
  recordMetrics([{ name: 'ReportsCreated', value: 1 }]);
  return { report, trackingToken, prepared };
}
