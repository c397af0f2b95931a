import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../../components/QueryState.tsx';
import { dispatchQuery } from '../../../lib/dispatch.ts';
import { KIND, RECEIPT_STATUS, URGENCY } from '../../../lib/labels.ts';
import { useNow } from '../../../lib/now.ts';
import { useMe } from '../../../lib/me.ts';
import { fullTime, timeLeft } from '../../../lib/time.ts';
import { useAcknowledge, useAnswer, useReportProblem } from '../api/receipt-actions.ts';
import { ContactForm } from './ContactForm.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { Section } from '../../../components/Section.tsx';
import { AttachmentList } from '../../../components/Attachments.tsx';

/** One item as its recipient reads it: the text, its deadlines, 签收, the answer and a reception problem. */
export default function InboxItemPage() {
  const { id = '' } = useParams();
  const item = useQuery(dispatchQuery(id));
  const acknowledge = useAcknowledge();
  const answer = useAnswer();
  const problem = useReportProblem();
  const { message } = App.useApp();
  const now = useNow();
  const me = useMe();
  return (
    <Flex vertical gap={16}>
      <Link to="/inbox">← 返回收文签收</Link>
      <QueryState query={item} empty="">
        {(dispatch) => {
          const receipt = dispatch.receipts[0];
          const recalled = receipt?.recalledAt !== undefined;
          const owesAck =
            !recalled &&
            !receipt?.acknowledgedAt &&
            (receipt?.status === 'pending' || receipt?.status === 'problem');
          // A reception problem may be reported until the answer, also after 签收 (a file that will not open).
          const problemReportable =
            receipt !== undefined && !recalled && receipt.status !== 'responded';
          const owesAnswer =
            !recalled &&
            receipt?.role === 'main' &&
            dispatch.kind === 'feedback' &&
            receipt.status === 'acknowledged';
          return (
            <>
              <article aria-labelledby="item-title">
                <Card>
                  <Typography.Title level={2} id="item-title" style={{ marginTop: 0 }}>
                    {dispatch.title}
                  </Typography.Title>
                  {recalled && (
                    <Alert
                      type="warning"
                      showIcon
                      style={{ marginBottom: 12 }}
                      title={`已撤回：${dispatch.recallReason ?? '发文单位已撤回这份文件'}`}
                    />
                  )}
                  <Space wrap style={{ marginBottom: 12 }}>
                    <StatusTag tone="info">{KIND[dispatch.kind]}</StatusTag>
                    {dispatch.urgency !== 'normal' && (
                      <StatusTag tone="late">{URGENCY[dispatch.urgency]}</StatusTag>
                    )}
                    {receipt?.role === 'copy' && <StatusTag tone="neutral">抄送</StatusTag>}
                    {receipt && !recalled && (
                      <StatusTag tone={owesAck ? 'waiting' : 'ok'}>
                        {RECEIPT_STATUS[receipt.status]}
                      </StatusTag>
                    )}
                    {receipt?.late && <StatusTag tone="late">逾期</StatusTag>}
                  </Space>
                  <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
                    {dispatch.docNumber && (
                      <Descriptions.Item label="文号">{dispatch.docNumber}</Descriptions.Item>
                    )}
                    <Descriptions.Item label="发文时间">
                      {fullTime(dispatch.sentAt)}
                    </Descriptions.Item>
                    <Descriptions.Item label="签收时限">
                      {fullTime(receipt?.ackDueAt ?? dispatch.ackDueAt)}
                      {owesAck ? `（${timeLeft(receipt.ackDueAt, now).text}）` : ''}
                    </Descriptions.Item>
                    {dispatch.respondBy && (
                      <Descriptions.Item label="反馈时限">
                        {fullTime(dispatch.respondBy)}
                      </Descriptions.Item>
                    )}
                    {receipt?.acknowledgedAt && (
                      <Descriptions.Item label="签收时间">
                        {fullTime(receipt.acknowledgedAt)}
                        {receipt.acknowledgedBy ? `（${receipt.acknowledgedBy}）` : ''}
                      </Descriptions.Item>
                    )}
                  </Descriptions>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16 }}>
                    {dispatch.body}
                  </Typography.Paragraph>
                  {dispatch.attachments.length > 0 && (
                    <div style={{ marginBottom: 16 }}>
                      <Typography.Text strong>附件</Typography.Text>
                      <AttachmentList files={dispatch.attachments} />
                    </div>
                  )}
                  {owesAck && (
                    <Button
                      type="primary"
                      size="large"
                      loading={acknowledge.isPending}
                      onClick={() => {
                        acknowledge.mutate(dispatch.id, {
                          onSuccess: () => void message.success('已签收'),
                        });
                      }}
                    >
                      签收
                    </Button>
                  )}
                </Card>
              </article>
              {owesAnswer && (
                <Section title="填写反馈">
                  {me.group !== 'district-office' && (
                    <Typography.Paragraph type="secondary">
                      需要本单位负责人审核盖章的正式反馈，请
                      <Link to={`/upward/new?dispatchId=${dispatch.id}`}>用上报件反馈</Link>。
                    </Typography.Paragraph>
                  )}
                  <ContactForm
                    title="填写反馈"
                    textLabel="办理情况"
                    textField="summary"
                    submitLabel="提交反馈"
                    onSubmit={async (fields) => {
                      await answer.mutateAsync({ dispatchId: dispatch.id, answer: fields });
                      void message.success('反馈已提交');
                    }}
                  />
                </Section>
              )}
              {receipt?.answer && (
                <Section title="本单位反馈">
                  <Descriptions size="small" column={1}>
                    <Descriptions.Item label="办理情况">
                      <span style={{ whiteSpace: 'pre-wrap' }}>{receipt.answer.summary}</span>
                    </Descriptions.Item>
                    <Descriptions.Item label="联系人">
                      {receipt.answer.contactName}
                    </Descriptions.Item>
                    <Descriptions.Item label="联系电话">
                      {receipt.answer.contactPhone}
                    </Descriptions.Item>
                    {receipt.respondedAt && (
                      <Descriptions.Item label="反馈时间">
                        {fullTime(receipt.respondedAt)}
                      </Descriptions.Item>
                    )}
                  </Descriptions>
                </Section>
              )}
              {receipt && receipt.problems.length > 0 && (
                <Section title="本单位报告的接收问题">
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {receipt.problems.map((reported) => (
                      <li key={reported.id} style={{ marginBottom: 8 }}>
                        {reported.description}{' '}
                        <StatusTag tone={reported.status === 'open' ? 'warning' : 'ok'}>
                          {reported.status === 'open' ? '待发文单位处理' : '已处理'}
                        </StatusTag>
                        {reported.resolution && (
                          <div>
                            发文单位答复：{reported.resolution}
                            <AttachmentList files={reported.attachments} />
                          </div>
                        )}
                      </li>
                    ))}
                  </ul>
                </Section>
              )}
              {problemReportable && (
                <Section title="接收有问题">
                  <Typography.Paragraph type="secondary">
                    内容无法正常阅读或附件打不开时，告知发文单位并留下联系方式；问题解决后再签收。
                  </Typography.Paragraph>
                  <ContactForm
                    title="接收有问题"
                    textLabel="问题描述"
                    textField="description"
                    submitLabel="报告接收问题"
                    onSubmit={async (fields) => {
                      await problem.mutateAsync({ dispatchId: dispatch.id, problem: fields });
                      void message.success('已告知发文单位');
                    }}
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
