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
import { fullTime } from '../../../lib/time.ts';
import { useUnitNames } from '../../../lib/units.ts';
import {
  categoriesQuery,
  reportQuery,
  useReplyToReport,
  useRerouteReport,
  useServiceNames,
} from '../api/reports.ts';
import { nextStatuses } from '../../../../../../shared/domain/reportStatus.ts';
import { StatusTag } from '../../../components/StatusTag.tsx';

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
              <Descriptions.Item label="分类">{serviceName(found.serviceCode)}</Descriptions.Item>
              <Descriptions.Item label="承办部门">{unitName(found.unitId)}</Descriptions.Item>
              <Descriptions.Item label="状态">
                <StatusTag tone={REPORT_TONE[found.status]}>
                  {REPORT_STATUS[found.status]}
                </StatusTag>
              </Descriptions.Item>
              <Descriptions.Item label="提交时间">{fullTime(found.createdAt)}</Descriptions.Item>
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
                      <Typography.Text strong>{REPORT_STATUS[update.status]}</Typography.Text>{' '}
                      <Typography.Text type="secondary">{fullTime(update.at)}</Typography.Text>
                      {update.public && <Tag style={{ marginInlineStart: 8 }}>已公开</Tag>}
                      {update.reply && <div>{update.reply}</div>}
                    </>
                  ),
                }))}
              />
            )}
            {found.unitId === me.unitId && nextStatuses(found.status).length > 0 && (
              // A new status offers new next steps: a fresh form for it.
              <ReplyForm key={found.status} report={found} />
            )}
            {me.group === 'district-office' && nextStatuses(found.status).length > 0 && (
              <RerouteForm report={found} />
            )}
          </Space>
        )}
      </QueryState>
    </Drawer>
  );
}

function ReplyForm({ report }: { report: StaffReport }) {
  const reply = useReplyToReport();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportUpdate>();
  const [failure, setFailure] = useState<string>();
  return (
    <Form<ReportUpdate>
      form={form}
      layout="vertical"
      initialValues={{ status: nextStatuses(report.status)[0] }}
      onFinish={async (update) => {
        setFailure(undefined);
        try {
          await reply.mutateAsync({ id: report.id, update });
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
          options={nextStatuses(report.status).map((status) => ({
            value: status,
            label: REPORT_STATUS[status],
          }))}
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
