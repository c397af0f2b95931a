import type { ReportStatus } from './api-types.ts';

export { REPORT_STATUS_NAMES as REPORT_STATUS } from '../../../../shared/domain/reportStatus.ts';

export const STATUS_COLOR: Record<ReportStatus, 'default' | 'primary' | 'success' | 'warning'> = {
  submitted: 'warning',
  accepted: 'primary',
  in_progress: 'primary',
  resolved: 'success',
  rejected: 'default',
  returned: 'warning',
  reopened: 'warning',
};

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
/** Asia/Shanghai, whatever the phone's zone. */
export const shortTime = (iso: string) => TIME.format(new Date(iso));
