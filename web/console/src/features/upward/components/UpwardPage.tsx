import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import {
  AttachmentList,
  AttachmentPicker,
  attachmentIds,
  attachmentsRule,
  type PickedFile,
} from '../../../components/Attachments.tsx';
import { useState } from 'react';
import { showApiErrors } from '../../../lib/forms.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { Section } from '../../../components/Section.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import type { UpwardView } from '../../../lib/api-types.ts';
import { UPWARD_KIND, UPWARD_STATUS, UPWARD_TONE } from '../../../lib/labels.ts';
import { useMe } from '../../../lib/me.ts';
import { fullTime } from '../../../lib/time.ts';
import { useUnitNames } from '../../../lib/units.ts';
import {
  sealCheckQuery,
  upwardQuery,
  useApproveUpward,
  useEditUpward,
  useReceiveUpward,
  useReplyUpward,
  useReturnUpward,
} from '../api/upward.ts';
import { UpwardForm } from './UpwardForm.tsx';

/** One upward report: its text and files, its seal checked here, and what this person may do with it. */
export default function UpwardPage() {
  const { id = '' } = useParams();
  const report = useQuery(upwardQuery(id));
  const me = useMe();
  const unitName = useUnitNames();
  return (
    <Flex vertical gap={16}>
      <Link to="/upward">← 返回上报</Link>
      <QueryState query={report} empty="">
        {(view) => (
          <>
            <article aria-labelledby="upward-title">
              <Card>
                <Typography.Title level={2} id="upward-title" style={{ marginTop: 0 }}>
                  {view.title}
                </Typography.Title>
                <Space wrap style={{ marginBottom: 12 }}>
                  <StatusTag tone="info">{UPWARD_KIND[view.kind]}</StatusTag>
                  <StatusTag tone={UPWARD_TONE[view.status]}>
                    {UPWARD_STATUS[view.status]}
                  </StatusTag>
                </Space>
                {view.status === 'returned' && view.returnedReason && (
                  <Alert
                    type="warning"
                    showIcon
                    title={`负责人退回：${view.returnedReason}`}
                    style={{ marginBottom: 16 }}
                  />
                )}
                <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
                  <Descriptions.Item label="报送单位">{unitName(view.unitId)}</Descriptions.Item>
                  <Descriptions.Item label="填报时间">{fullTime(view.createdAt)}</Descriptions.Item>
                  <Descriptions.Item label="联系人">{view.contactName}</Descriptions.Item>
                  <Descriptions.Item label="联系电话">{view.contactPhone}</Descriptions.Item>
                  {view.receivedAt && (
                    <Descriptions.Item label="接收时间">
                      {fullTime(view.receivedAt)}
                    </Descriptions.Item>
                  )}
                </Descriptions>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16 }}>
                  {view.body}
                </Typography.Paragraph>
                {view.attachments.length > 0 && (
                  <>
                    <Typography.Text strong>附件</Typography.Text>
                    <AttachmentList files={view.attachments} />
                  </>
                )}
              </Card>
            </article>
            {view.seal && <SealSection report={view} unitName={unitName(view.unitId)} />}
            {view.status === 'pending-approval' &&
              me.group === 'unit-head' &&
              me.unitId === view.unitId && <HeadDecision report={view} />}
            {view.status === 'returned' && me.sub === view.createdBy && (
              <EditReturned report={view} />
            )}
            {view.status === 'submitted' && me.group === 'district-office' && (
              <Receive report={view} />
            )}
            {view.reply && (
              <Section title="批复">
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16 }}>
                  {view.reply.body}
                </Typography.Paragraph>
                <AttachmentList files={view.reply.attachments} />
                <Typography.Text type="secondary">
                  {view.reply.repliedBy} · {fullTime(view.reply.repliedAt)}
                </Typography.Text>
              </Section>
            )}
            {view.kind === 'request' &&
              !view.reply &&
              (view.status === 'submitted' || view.status === 'received') &&
              me.group === 'district-office' && <Reply report={view} />}
          </>
        )}
      </QueryState>
    </Flex>
  );
}

/** 批复: the district office answers the unit's 请示, which the unit reads here. */
function Reply({ report }: { report: UpwardView }) {
  const reply = useReplyUpward();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string; attachments: PickedFile[] }>();
  const [failure, setFailure] = useState<string>();
  return (
    <Section title="批复请示">
      <Form
        form={form}
        name="reply"
        aria-label="批复请示"
        layout="vertical"
        style={{ maxWidth: 640 }}
        initialValues={{ attachments: [] }}
        onFinish={async ({ body, attachments }) => {
          setFailure(undefined);
          try {
            await reply.mutateAsync({
              id: report.id,
              reply: {
                body,
                ...(attachments.length > 0 ? { attachmentIds: attachmentIds(attachments) } : {}),
              },
            });
            void message.success('已批复');
          } catch (error) {
            setFailure(showApiErrors(form, error, ['body']));
          }
        }}
      >
        {failure && (
          <Alert type="error" title={failure} role="alert" style={{ marginBottom: 12 }} />
        )}
        <Form.Item
          label="批复意见"
          name="body"
          rules={[{ required: true, whitespace: true, message: '请填写批复意见' }]}
        >
          <Input.TextArea rows={4} maxLength={50_000} />
        </Form.Item>
        <Form.Item label="附件" name="attachments" rules={[attachmentsRule]}>
          <AttachmentPicker />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={reply.isPending}>
          批复
        </Button>
      </Form>
    </Section>
  );
}

/** The seal, verified in this browser against the published keys: what the office relies on. */
function SealSection({ report, unitName }: { report: UpwardView; unitName: string }) {
  const check = useQuery(sealCheckQuery(report));
  const seal = report.seal;
  if (!seal) return null;
  return (
    <Section title="电子印章">
      <Flex gap={24} wrap align="center">
        <div
          aria-hidden
          style={{
            width: 120,
            height: 120,
            borderRadius: '50%',
            border: '4px solid #c00000',
            color: '#c00000',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            textAlign: 'center',
            fontWeight: 700,
            padding: 12,
            transform: 'rotate(-8deg)',
          }}
        >
          {unitName}
          <br />★
        </div>
        <div style={{ flex: 1, minWidth: 240 }}>
          <div role="status" style={{ marginBottom: 12 }}>
            {check.isPending ? (
              <Typography.Text>正在核验印章…</Typography.Text>
            ) : check.isError ? (
              <Alert
                type="warning"
                showIcon
                title="暂时无法核验印章"
                description={check.error.message}
              />
            ) : check.data.valid ? (
              <Alert
                type="success"
                showIcon
                title="印章有效"
                description="签名与公布的本平台印章公钥相符，盖章后内容和附件未被改动。"
              />
            ) : (
              <Alert
                type="error"
                showIcon
                title="印章无效"
                description={`盖章后的内容、附件或签名与公布的印章公钥不符（${check.data.reason}）`}
              />
            )}
          </div>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="盖章时间">{fullTime(seal.sealedAt)}</Descriptions.Item>
            <Descriptions.Item label="算法">{seal.alg}（ECDSA P-256）</Descriptions.Item>
            <Descriptions.Item label="印章密钥">
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                {seal.kid}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </div>
      </Flex>
    </Section>
  );
}

/** The unit head: approve, which seals and submits, or return with a reason. */
function HeadDecision({ report }: { report: UpwardView }) {
  const approve = useApproveUpward();
  const giveBack = useReturnUpward();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Section title="负责人审核">
      <Typography.Paragraph>
        批准即加盖本单位电子印章，并报送区政府办公室；盖章后内容不能再改。
      </Typography.Paragraph>
      <Button
        type="primary"
        size="large"
        loading={approve.isPending}
        onClick={() => {
          approve.mutate(report.id, {
            onSuccess: () => void message.success('已盖章报送'),
            onError: (error) => void message.error(error.message),
          });
        }}
      >
        批准并盖章
      </Button>
      <Form
        form={form}
        name="return"
        aria-label="退回修改"
        layout="vertical"
        style={{ marginTop: 24, maxWidth: 560 }}
        onFinish={({ reason }) => {
          giveBack.mutate(
            { id: report.id, reason },
            {
              onSuccess: () => void message.success('已退回填报人'),
              onError: (error) => void message.error(error.message),
            },
          );
        }}
      >
        <Form.Item
          label="退回理由"
          name="reason"
          rules={[{ required: true, whitespace: true, message: '请写明退回理由' }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Button htmlType="submit" loading={giveBack.isPending}>
          退回修改
        </Button>
      </Form>
    </Section>
  );
}

/** Its author changes a returned report; it goes back to the head. */
function EditReturned({ report }: { report: UpwardView }) {
  const edit = useEditUpward();
  const { message } = App.useApp();
  return (
    <Section title="修改后重新提交">
      <UpwardForm
        report={report}
        submitLabel="重新提交审核"
        onSubmit={async (changed) => {
          await edit.mutateAsync({ id: report.id, report: changed });
          void message.success('已重新提交负责人审核');
        }}
      />
    </Section>
  );
}

/** The district office receives a sealed report. */
function Receive({ report }: { report: UpwardView }) {
  const receive = useReceiveUpward();
  const { message } = App.useApp();
  return (
    <Section title="接收">
      <Button
        type="primary"
        size="large"
        loading={receive.isPending}
        onClick={() => {
          receive.mutate(report.id, {
            onSuccess: () => void message.success('已接收'),
            onError: (error) => void message.error(error.message),
          });
        }}
      >
        接收
      </Button>
    </Section>
  );
}
