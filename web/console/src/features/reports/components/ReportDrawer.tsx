import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Image,
  Input,
  Select,
  Space,
  Switch,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { QueryState } from '../../../components/QueryState.tsx';
import type { ReportUpdate, StaffReport } from '../../../lib/api-types.ts';
import { showApiErrors } from '../../../lib/forms.ts';
import { REPORT_STATUS, REPORT_TONE } from '../../../lib/labels.ts';
import { useMe } from '../../../lib/me.ts';
import { fullTime, isoToShanghaiInput, shanghaiInputToIso } from '../../../lib/time.ts';
import { useUnitNames } from '../../../lib/units.ts';
import {
  categoriesQuery,
  reportQuery,
  useAskExtension,
  useDecideExtension,
  usePublishUpdate,
  useReplyToReport,
  useRerouteReport,
  useReturnReport,
  useServiceNames,
} from '../api/reports.ts';
import {
  nextStatuses,
  OPEN,
  type UpdateStatus,
} from '../../../../../../shared/domain/reportStatus.ts';
import { SATISFACTION_NAMES } from '../../../../../../shared/domain/workOrders.ts';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { DueTime } from './DueTime.tsx';

const EXTENSION_STATUS = { pending: '待审批', approved: '已同意', rejected: '未同意' } as const;

/** One citizen report: what and where, its photos, the replies so far, and the next step. */
export function ReportDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const me = useMe();
  const report = useQuery(reportQuery(id));
  const serviceName = useServiceNames();
  const unitName = useUnitNames();
  return (
    <Drawer open onClose={onClose} size={560} title="诉求详情">
      <QueryState query={report} empty="">
        {(found) => (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Descriptions column={1} size="small" bordered>
              {found.number && <Descriptions.Item label="编号">{found.number}</Descriptions.Item>}
              <Descriptions.Item label="分类">{serviceName(found.serviceCode)}</Descriptions.Item>
              <Descriptions.Item label="承办部门">{unitName(found.unitId)}</Descriptions.Item>
              <Descriptions.Item label="状态">
                <StatusTag tone={REPORT_TONE[found.status]}>
                  {REPORT_STATUS[found.status]}
                </StatusTag>
              </Descriptions.Item>
              <Descriptions.Item label="提交时间">{fullTime(found.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="办结时限">
                <DueTime report={found} />
              </Descriptions.Item>
              {found.returned && (
                <Descriptions.Item label="退单">
                  {unitName(found.returned.by)} {fullTime(found.returned.at)}：
                  {found.returned.reason}
                </Descriptions.Item>
              )}
              {found.extension && (
                <Descriptions.Item label="延期申请">
                  延至 {fullTime(found.extension.until)}（{EXTENSION_STATUS[found.extension.status]}
                  ）：{found.extension.reason}
                </Descriptions.Item>
              )}
              {found.feedback && (
                <Descriptions.Item label="群众评价">
                  {found.feedback.fixed ? '已解决' : '未解决'}，
                  {SATISFACTION_NAMES[found.feedback.satisfaction]}
                  {found.feedback.comment ? `：${found.feedback.comment}` : ''}
                </Descriptions.Item>
              )}
              <Descriptions.Item label="位置">
                {found.address ?? ''} （{found.lat.toFixed(5)}, {found.lng.toFixed(5)}）
              </Descriptions.Item>
              <Descriptions.Item label="问题描述">
                <span style={{ whiteSpace: 'pre-wrap' }}>{found.description}</span>
              </Descriptions.Item>
            </Descriptions>
            <Image.PreviewGroup>
              <Space wrap>
                {found.photos
                  .filter((photo) => photo.url)
                  .map((photo) => (
                    <Image
                      key={photo.n}
                      src={photo.url}
                      width={120}
                      height={90}
                      style={{ objectFit: 'cover' }}
                      alt={`现场照片 ${photo.n + 1}`}
                    />
                  ))}
              </Space>
            </Image.PreviewGroup>
            {found.updates.length > 0 && (
              <Timeline
                items={found.updates.map((update) => ({
                  content: (
                    <>
                      <Typography.Text strong>
                        {update.status ? REPORT_STATUS[update.status] : '办理进展'}
                      </Typography.Text>{' '}
                      <Typography.Text type="secondary">{fullTime(update.at)}</Typography.Text>
                      {update.public && <Tag style={{ marginInlineStart: 8 }}>已公开</Tag>}
                      {update.reply && <div>{update.reply}</div>}
                      {!update.public && update.reply && found.unitId === me.unitId && (
                        <PublishButton reportId={found.id} updateId={update.id} />
                      )}
                    </>
                  ),
                }))}
              />
            )}
            {found.unitId === me.unitId && OPEN.includes(found.status) && (
              // A new status offers new next steps: a fresh form for it.
              <>
                <ReplyForm key={found.status} report={found} />
                <ReturnForm report={found} />
                {found.extension?.status !== 'pending' && <ExtensionForm report={found} />}
              </>
            )}
            {me.group === 'district-office' && found.extension?.status === 'pending' && (
              <ExtensionDecision report={found} />
            )}
            {me.group === 'district-office' &&
              (OPEN.includes(found.status) || found.status === 'returned') && (
                <RerouteForm report={found} />
              )}
          </Space>
        )}
      </QueryState>
    </Drawer>
  );
}

/** The status choice that changes no status: a progress note. */
const NOTE = 'note';

function ReplyForm({ report }: { report: StaffReport }) {
  const reply = useReplyToReport();
  const { message } = App.useApp();
  const [form] = Form.useForm<Omit<ReportUpdate, 'status'> & { status: string }>();
  const [failure, setFailure] = useState<string>();
  return (
    <Form<Omit<ReportUpdate, 'status'> & { status: string }>
      form={form}
      layout="vertical"
      initialValues={{ status: nextStatuses(report.status)[0] ?? NOTE }}
      onFinish={async ({ status, ...update }) => {
        setFailure(undefined);
        try {
          await reply.mutateAsync({
            id: report.id,
            update: { ...update, ...(status === NOTE ? {} : { status: status as UpdateStatus }) },
          });
          void message.success('已回复');
          form.resetFields(['reply']);
        } catch (error) {
          setFailure(showApiErrors(form, error, ['status', 'reply']));
        }
      }}
    >
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        办理与回复
      </Typography.Title>
      {failure && (
        <Alert type="error" title={failure} showIcon role="alert" style={{ marginBottom: 12 }} />
      )}
      <Form.Item label="办理状态" name="status">
        <Select
          options={[
            { value: NOTE, label: '只记录办理进展（状态不变）' },
            ...nextStatuses(report.status).map((status) => ({
              value: status,
              label: REPORT_STATUS[status],
            })),
          ]}
        />
      </Form.Item>
      <Form.Item
        label="公开回复"
        name="reply"
        extra="回复会向提交人公开；不得包含手机号等个人信息。办结或不予受理须填写回复。"
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item
        label="公开"
        name="public"
        valuePropName="checked"
        extra="公开后，这件诉求（电话、身份证号已遮挡）和这条回复出现在掌上新华的公示栏。"
      >
        <Switch />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={reply.isPending}>
        提交
      </Button>
    </Form>
  );
}

function RerouteForm({ report }: { report: StaffReport }) {
  const categories = useQuery(categoriesQuery);
  const reroute = useRerouteReport();
  const { message } = App.useApp();
  const [serviceCode, setServiceCode] = useState<string>();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        改派
      </Typography.Title>
      <Space.Compact style={{ width: '100%' }}>
        <Select
          aria-label="改派到分类"
          showSearch={{ optionFilterProp: 'label' }}
          style={{ flex: 1 }}
          placeholder="选择正确的分类"
          value={serviceCode}
          onChange={setServiceCode}
          options={(categories.data?.items ?? [])
            .filter((service) => service.active && service.code !== report.serviceCode)
            .map((service) => ({ value: service.code, label: service.name }))}
        />
        <Button
          disabled={!serviceCode}
          loading={reroute.isPending}
          onClick={() => {
            if (serviceCode)
              reroute.mutate(
                { id: report.id, serviceCode },
                { onSuccess: () => void message.success('已改派') },
              );
          }}
        >
          改派
        </Button>
      </Space.Compact>
      {reroute.isError && <Alert type="error" title={reroute.error.message} role="alert" />}
    </Space>
  );
}

function PublishButton({ reportId, updateId }: { reportId: string; updateId: string }) {
  const publish = usePublishUpdate();
  const { message } = App.useApp();
  return (
    <Button
      size="small"
      style={{ marginTop: 4 }}
      loading={publish.isPending}
      onClick={() => {
        publish.mutate(
          { id: reportId, updateId },
          {
            onSuccess: () => void message.success('已公开'),
            onError: (error) => void message.error(error.message),
          },
        );
      }}
    >
      公开这条回复
    </Button>
  );
}

/** 退单: not this department's; back to the district office to route again, with why. */
function ReturnForm({ report }: { report: StaffReport }) {
  const handBack = useReturnReport();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [failure, setFailure] = useState<string>();
  return (
    <Form<{ reason: string }>
      form={form}
      name="return-report"
      layout="vertical"
      onFinish={async ({ reason }) => {
        setFailure(undefined);
        try {
          await handBack.mutateAsync({ id: report.id, reason });
          void message.success('已退单，交区政府办公室重新分派');
        } catch (error) {
          setFailure(showApiErrors(form, error, ['reason']));
        }
      }}
    >
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        退单
      </Typography.Title>
      {failure && <Alert type="error" title={failure} role="alert" style={{ marginBottom: 12 }} />}
      <Form.Item
        label="退单理由"
        name="reason"
        rules={[{ required: true, message: '请写明为什么不属于本部门' }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Button danger htmlType="submit" loading={handBack.isPending}>
        退单
      </Button>
    </Form>
  );
}

/** 申请延期: a later due time, with why, for the district office to decide. */
function ExtensionForm({ report }: { report: StaffReport }) {
  const ask = useAskExtension();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ until: string; reason: string }>();
  const [failure, setFailure] = useState<string>();
  return (
    <Form<{ until: string; reason: string }>
      form={form}
      name="extension"
      layout="vertical"
      initialValues={{
        until: report.dueAt
          ? isoToShanghaiInput(new Date(Date.parse(report.dueAt) + 48 * 3600_000).toISOString())
          : undefined,
      }}
      onFinish={async ({ until, reason }) => {
        setFailure(undefined);
        try {
          await ask.mutateAsync({ id: report.id, until: shanghaiInputToIso(until), reason });
          void message.success('已申请延期，等待区政府办公室审批');
        } catch (error) {
          setFailure(showApiErrors(form, error, ['until', 'reason']));
        }
      }}
    >
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        申请延期
      </Typography.Title>
      {failure && <Alert type="error" title={failure} role="alert" style={{ marginBottom: 12 }} />}
      <Form.Item label="延期至（北京时间）" name="until" rules={[{ required: true }]}>
        <Input type="datetime-local" style={{ width: 240 }} />
      </Form.Item>
      <Form.Item label="延期理由" name="reason" rules={[{ required: true, message: '请写明理由' }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Button htmlType="submit" loading={ask.isPending}>
        申请延期
      </Button>
    </Form>
  );
}

function ExtensionDecision({ report }: { report: StaffReport }) {
  const decide = useDecideExtension();
  const { message } = App.useApp();
  const run = (approve: boolean) => {
    decide.mutate(
      { id: report.id, approve },
      {
        onSuccess: () => void message.success(approve ? '已同意延期' : '已不同意延期'),
        onError: (error) => void message.error(error.message),
      },
    );
  };
  return (
    <Space orientation="vertical">
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        审批延期
      </Typography.Title>
      <Space>
        <Button
          type="primary"
          loading={decide.isPending}
          onClick={() => {
            run(true);
          }}
        >
          同意延期
        </Button>
        <Button
          loading={decide.isPending}
          onClick={() => {
            run(false);
          }}
        >
          不同意
        </Button>
      </Space>
    </Space>
  );
}
