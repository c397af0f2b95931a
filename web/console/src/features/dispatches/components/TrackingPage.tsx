import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Flex, Space, Statistic, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../../components/QueryState.tsx';
import type { ReceiptView } from '../../../lib/api-types.ts';
import { dispatchQuery } from '../../../lib/dispatch.ts';
import { KIND, RECEIPT_STATUS } from '../../../lib/labels.ts';
import { fullTime, shortTime } from '../../../lib/time.ts';
import { useUnitNames } from '../../../lib/units.ts';
import { StatusTag, SupervisionTag } from '../../../components/StatusTag.tsx';
import { Section } from '../../../components/Section.tsx';
import { AttachmentList } from '../../../components/Attachments.tsx';

/** How often the tracking page reads again by itself: units acknowledge while the clerk watches. */
const REFRESH_MS = 20_000;

/** 签收情况: each recipient unit's status, time, lateness and problems; refreshes by itself. */
export default function TrackingPage() {
  const { id = '' } = useParams();
  const dispatch = useQuery({ ...dispatchQuery(id), refetchInterval: REFRESH_MS });
  const unitName = useUnitNames();
  return (
    <Flex vertical gap={16}>
      <Link to="/dispatches">← 返回签收跟踪</Link>
      <QueryState query={dispatch} empty="">
        {(view) => {
          const acknowledged = view.receipts.filter((receipt) => receipt.acknowledgedAt).length;
          const late = view.receipts.filter((receipt) => receipt.late).length;
          return (
            <>
              <Card>
                <Typography.Title level={2} style={{ marginTop: 0 }}>
                  {view.title}
                </Typography.Title>
                <Space wrap style={{ marginBottom: 12 }}>
                  <StatusTag tone="info">{KIND[view.kind]}</StatusTag>
                  <SupervisionTag colour={view.supervision} />
                  <Typography.Text type="secondary">每 20 秒自动刷新</Typography.Text>
                </Space>
                <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                  <Descriptions.Item label="发文时间">{fullTime(view.sentAt)}</Descriptions.Item>
                  <Descriptions.Item label="签收时限">{fullTime(view.ackDueAt)}</Descriptions.Item>
                  {view.respondBy && (
                    <Descriptions.Item label="反馈时限">
                      {fullTime(view.respondBy)}
                    </Descriptions.Item>
                  )}
                </Descriptions>
                <Space size="large" wrap style={{ marginTop: 8 }}>
                  <Statistic
                    title="已签收"
                    value={acknowledged}
                    suffix={`/ ${view.receipts.length}`}
                  />
                  {view.kind === 'feedback' && (
                    <Statistic
                      title="已反馈"
                      value={view.receipts.filter((receipt) => receipt.respondedAt).length}
                    />
                  )}
                  <Statistic
                    title="逾期"
                    value={late}
                    styles={late > 0 ? { content: { color: '#cf1322' } } : undefined}
                  />
                  <Statistic title="接收问题" value={view.problems.length} />
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
                      render: (_value, receipt) => unitName(receipt.unitId),
                    },
                    {
                      title: '状态',
                      key: 'status',
                      render: (_value, receipt) => (
                        <Space wrap size={4}>
                          <StatusTag tone={receipt.acknowledgedAt ? 'ok' : 'waiting'}>
                            {receipt.acknowledgedAt && receipt.status !== 'responded'
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
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {view.problems.map((problem) => (
                      <li key={problem.id} style={{ marginBottom: 8 }}>
                        <Typography.Text strong>
                          {unitName(problem.unitId)} · {shortTime(problem.reportedAt)}
                        </Typography.Text>
                        <br />
                        {problem.description}（联系人 {problem.contactName}，{problem.contactPhone}
                        ）
                      </li>
                    ))}
                  </ul>
                </Section>
              )}
            </>
          );
        }}
      </QueryState>
    </Flex>
  );
}
