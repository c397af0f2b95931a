import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd-mobile';
import { Pending } from '../../../components/Pending.tsx';
import { Replies } from '../../../components/Replies.tsx';
import { problem } from '../../../lib/api.ts';
import { REPORT_STATUS, STATUS_COLOR, shortTime } from '../../../lib/labels.ts';
import { findMyReport } from '../../../lib/myReports.ts';
import { trackedReportQuery } from '../api/get-report.ts';
import { SATISFACTION_NAMES } from '../../../../../../shared/domain/workOrders.ts';
import { FeedbackForm } from './FeedbackForm.tsx';

const PHOTO_STATE = { checking: '检查中', attached: '已收到', rejected: '未通过检查' } as const;

/** One report's progress: its status, its photos, the department's public replies. */
export default function TrackScreen({ id }: { id: string }) {
  const token = findMyReport(id)?.trackingToken;
  const tracked = useQuery({ ...trackedReportQuery(id, token ?? ''), enabled: Boolean(token) });
  if (!token)
    return <p className="section">本机没有这件诉求的查询码，请在“我的诉求”里输入编号和查询码。</p>;
  const report = tracked.data;
  if (!report) return <Pending failure={tracked.error ? problem(tracked.error) : undefined} />;
  return (
    <section className="section" aria-labelledby="track-heading">
      <h2 id="track-heading">办理进度</h2>
      <p>
        <Tag color={STATUS_COLOR[report.status]}>{REPORT_STATUS[report.status]}</Tag>{' '}
        <span className="card-meta">
          {shortTime(report.createdAt)} 提交 · 编号 {report.number ?? report.id}
          {report.dueAt && ` · 应于 ${shortTime(report.dueAt)} 前办结`}
        </span>
      </p>
      {report.photoStates.length > 0 && (
        <p className="card-meta">
          照片：
          {report.photoStates
            .map((photo) => `第 ${String(photo.n + 1)} 张${PHOTO_STATE[photo.state]}`)
            .join('，')}
        </p>
      )}
      <div className="board-photos">
        {report.photos.map((photo, i) => (
          <img key={photo.url} src={photo.url} alt={`现场照片 ${String(i + 1)}`} loading="lazy" />
        ))}
      </div>
      <h3 style={{ fontSize: 15 }}>部门回复</h3>
      {report.updates.length === 0 && <p className="hint">还没有回复。</p>}
      <Replies updates={report.updates} />
      {report.feedback && (
        <p className="card-meta">
          您的评价：{report.feedback.fixed ? '已解决' : '未解决'}，
          {SATISFACTION_NAMES[report.feedback.satisfaction]}
        </p>
      )}
      {report.feedbackWanted && <FeedbackForm id={id} token={token} />}
    </section>
  );
}
