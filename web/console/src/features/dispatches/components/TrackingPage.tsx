import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Flex, Space, Statistic, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../../components/QueryState.tsx';
import type { ReceiptView } from '../../../lib/api-types.ts';
import { dispatchQuery } from '../../../lib/dispatch.ts';
import { DISPATCH_STATUS, KIND, RECEIPT_STATUS, URGENCY } from '../../../lib/labels.ts';
import { useMe } from '../../../lib/me.ts';
import { DispatchActions } from './DispatchActions.tsx';
import { ProblemList } from './ProblemList.tsx';
import { fullTime, shortTime } from '../../../lib/time.ts';
import { useUnitNames } from '../../../lib/units.ts';
import { StatusTag, SupervisionTag } from '../../../components/StatusTag.tsx';
import { Section } from '../../../components/Section.tsx';
import { AttachmentList } from '../../../components/Attachments.tsx';

/** How often the tracking page reads again by itself: units acknowledge while the clerk watches. */
const REFRESH_MS = 20_000;

/**
 * 签收情况: each recipient unit's status, who signed, lateness and problems;
 * the sender's 签发, 立即催办, 延期, 撤回 and 处理并关闭; refreshes by itself.
 */
export default function TrackingPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const dispatch = useQuery({ ...dispatchQuery(id), refetchInterval: REFRESH_MS });
  const unitName = useUnitNames();
  return (
    <Flex vertical gap={16}>
      <Link to="/dispatches">← 返回签收跟踪</Link>
      <QueryState query={dispatch} empty="">
        {(view) => {
          const main = view.receipts.filter((receipt) => receipt.role === 'main');
          const acknowledged = main.filter((receipt) => receipt.acknowledgedAt).length;
          const late = main.filter((receipt) => receipt.late).length;
          const openProblems = view.problems.filter((problem) => problem.status === 'open');
          return (
            <>
              <Card>
                <Typography.Title level={2} style={{ marginTop: 0 }}>
                  {view.title}
                </Typography.Title>
                <Space wrap style={{ marginBottom: 12 }}>
                  <StatusTag tone="info">{KIND[view.kind]}</StatusTag>
                  {view.urgency !== 'normal' && (
                    <StatusTag tone="late">{URGENCY[view.urgency]}</StatusTag>
                  )}
                  {view.status !== 'sent' && (
                    <StatusTag tone={view.status === 'draft' ? 'waiting' : 'neutral'}>
                      {DISPATCH_STATUS[view.status]}
                    </StatusTag>
                  )}
                  <SupervisionTag colour={view.supervision} />
                  <Typography.Text type="secondary">每 20 秒自动刷新</Typography.Text>
                </Space>
                {view.recalledAt && (
                  <Typography.Paragraph type="secondary">
                    {view.recalledBy} 于 {fullTime(view.recalledAt)} 撤回：{view.recallReason}
                  </Typography.Paragraph>
                )}
                <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                  {view.docNumber && (
                    <Descriptions.Item label="文号">{view.docNumber}</Descriptions.Item>
                  )}
                  {view.draftedBy && (
                    <Descriptions.Item label="拟稿">{view.draftedBy}</Descriptions.Item>
                  )}
                  {view.signedOffBy && (
                    <Descriptions.Item label="签发">
                      {view.signedOffBy} {fullTime(view.signedOffAt ?? '')}
                    </Descriptions.Item>
                  )}
                  {view.copyTo.length > 0 && (
                    <Descriptions.Item label="抄送">
                      {view.copyTo.map(unitName).join('、')}
                    </Descriptions.Item>
                  )}
                  <Descriptions.Item label="发文时间">{fullTime(view.sentAt)}</Descriptions.Item>
                  <Descriptions.Item label="签收时限">{fullTime(view.ackDueAt)}</Descriptions.Item>
                  {view.respondBy && (
                    <Descriptions.Item label="反馈时限">
                      {fullTime(view.respondBy)}
                    </Descriptions.Item>
                  )}
                </Descriptions>
                <Space size="large" wrap style={{ marginTop: 8 }}>
                  <Statistic title="已签收" value={acknowledged} suffix={`/ ${main.length}`} />
                  {view.kind === 'feedback' && (
                    <Statistic
                      title="已反馈"
                      value={main.filter((receipt) => receipt.respondedAt).length}
                    />
                  )}
                  <Statistic
                    title="逾期"
                    value={late}
                    styles={late > 0 ? { content: { color: '#cf1322' } } : undefined}
                  />
                  <Statistic title="待处理接收问题" value={openProblems.length} />
                  {view.attachments.length > 0 && (
                    <Statistic
                      title="已下载附件"
                      value={view.receipts.filter((receipt) => receipt.downloadedAt).length}
                      suffix={`/ ${view.receipts.length}`}
                    />
                  )}
                </Space>
                {view.attachments.length > 0 && (
                  <div style={{ marginTop: 16 }}>
                    <Typography.Text strong>附件</Typography.Text>
                    <AttachmentList files={view.attachments} />
                  </div>
                )}
                <div style={{ marginTop: 16 }}>
                  <DispatchActions view={view} />
                </div>
              </Card>
              <Section title="各单位签收情况">
                <Table<ReceiptView>
                  rowKey="unitId"
                  size="middle"
                  pagination={false}
                  scroll={{ x: 640 }}
                  dataSource={[...view.receipts].sort((a, b) => Number(b.late) - Number(a.late))}
                  columns={[
                    {
                      title: '单位',
                      key: 'unit',
                      render: (_value, receipt) => (
                        <Space size={4} wrap>
                          {unitName(receipt.unitId)}
                          {receipt.role === 'copy' && <StatusTag tone="neutral">抄送</StatusTag>}
                        </Space>
                      ),
                    },
                    {
                      title: '状态',
                      key: 'status',
                      render: (_value, receipt) => (
                        <Space wrap size={4}>
                          <StatusTag
                            tone={
                              receipt.recalledAt && !receipt.acknowledgedAt
                                ? 'neutral'
                                : receipt.acknowledgedAt
                                  ? 'ok'
                                  : 'waiting'
                            }
                          >
                            {receipt.recalledAt && !receipt.acknowledgedAt
                              ? '已撤回'
                              : receipt.acknowledgedAt && receipt.status === 'acknowledged'
                                ? '已签收'
                                : RECEIPT_STATUS[receipt.status]}
                          </StatusTag>
                          <SupervisionTag colour={receipt.supervision} />
                          {receipt.noPhoneToRemind && (
                            <StatusTag tone="warning">无可提醒手机</StatusTag>
                          )}
                        </Space>
                      ),
                    },
                    {
                      title: '签收时间',
                      key: 'ack',
                      render: (_value, receipt) =>
                        receipt.acknowledgedAt ? shortTime(receipt.acknowledgedAt) : '—',
                    },
                    {
                      title: '签收人',
                      key: 'acknowledgedBy',
                      render: (_value, receipt) => receipt.acknowledgedBy ?? '—',
                    },
                    ...(view.kind === 'feedback'
                      ? [
                          {
                            title: '反馈',
                            key: 'answer',
                            render: (_value: unknown, receipt: ReceiptView) =>
                              receipt.answer ? (
                                <span>
                                  {shortTime(receipt.respondedAt ?? '')}{' '}
                                  {receipt.answer.contactName} {receipt.answer.contactPhone}
                                  <br />
                                  {receipt.answer.summary}
                                </span>
                              ) : (
                                '—'
                              ),
                          },
                        ]
                      : []),
                    ...(view.attachments.length > 0
                      ? [
                          {
                            title: '下载附件',
                            key: 'download',
                            render: (_value: unknown, receipt: ReceiptView) =>
                              receipt.downloadedAt ? shortTime(receipt.downloadedAt) : '未下载',
                          },
                        ]
                      : []),
                    {
                      title: '逾期',
                      key: 'late',
                      render: (_value, receipt) =>
                        receipt.late ? <StatusTag tone="late">逾期</StatusTag> : '否',
                    },
                  ]}
                />
              </Section>
              {view.problems.length > 0 && (
                <Section title="接收问题">
                  <ProblemList
                    dispatchId={view.id}
                    problems={view.problems}
                    canResolve={me.group === 'district-office' && view.status === 'sent'}
                  />
                </Section>
              )}
            </>
          );
        }}
      </QueryState>
    </Flex>
  );
}
