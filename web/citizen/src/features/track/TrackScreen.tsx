import { Tag } from 'antd-mobile';
import { Pending } from '../../components/Pending.tsx';
import { Replies } from '../../components/Replies.tsx';
import { useEffect, useState } from 'react';
import { call, problem } from '../../lib/api.ts';
import type { PublicReport } from '../../lib/api-types.ts';
import { REPORT_STATUS, STATUS_COLOR, shortTime } from '../../lib/labels.ts';
import { findMyReport } from '../../lib/myReports.ts';

const PHOTO_STATE = { checking: '检查中', attached: '已收到', rejected: '未通过检查' } as const;

/** One report's progress: its status, its photos, the department's public replies. */
export default function TrackScreen({ id }: { id: string }) {
  const [report, setReport] = useState<PublicReport>();
  const [failure, setFailure] = useState<string>();
  const token = findMyReport(id)?.trackingToken;

  useEffect(() => {
    if (!token) return;
    call<PublicReport>('GET', `/public/reports/${id}`, {
      headers: { 'x-tracking-token': token },
    })
      .then(setReport)
      .catch((error: unknown) => {
        setFailure(problem(error));
      });
  }, [id, token]);

  if (!token)
    return <p className="section">本机没有这件诉求的查询码，请在“我的诉求”里输入编号和查询码。</p>;
  if (failure || !report) return <Pending failure={failure} />;
  return (
    <section className="section" aria-labelledby="track-heading">
      <h2 id="track-heading">办理进度</h2>
      <p>
        <Tag color={STATUS_COLOR[report.status]}>{REPORT_STATUS[report.status]}</Tag>{' '}
        <span className="card-meta">
          {shortTime(report.createdAt)} 提交 · 编号 {report.id}
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
    </section>
  );
}
