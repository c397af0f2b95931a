import { Space } from 'antd';
import type { StaffReport } from '../../../lib/api-types.ts';
import { useNow } from '../../../lib/now.ts';
import { shortTime, timeLeft } from '../../../lib/time.ts';
import { StatusTag, SupervisionTag } from '../../../components/StatusTag.tsx';

/** When a report should be resolved, how long is left (or how late it is), and its colour as it is chased. */
export function DueTime({ report }: { report: StaffReport }) {
  const now = useNow();
  if (!report.dueAt) return <>—</>;
  const open = !['resolved', 'rejected', 'returned'].includes(report.status);
  const left = timeLeft(report.dueAt, now);
  return (
    <Space size={4} wrap>
      <span>{shortTime(report.dueAt)}</span>
      {open && <StatusTag tone={left.overdue ? 'late' : 'neutral'}>{left.text}</StatusTag>}
      <SupervisionTag colour={report.supervision} />
    </Space>
  );
}
