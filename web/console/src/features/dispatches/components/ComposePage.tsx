import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { DispatchKind, Urgency } from '../../../lib/api-types.ts';
import {
  AttachmentPicker,
  attachmentIds,
  attachmentsRule,
  type PickedFile,
} from '../../../components/Attachments.tsx';
import { defaultAckMinutes } from '../../../../../../shared/domain/deadlines.ts';
import { showApiErrors } from '../../../lib/forms.ts';
import { KIND, URGENCY } from '../../../lib/labels.ts';
import { useMe } from '../../../lib/me.ts';
import { shanghaiInputToIso } from '../../../lib/time.ts';
import { unitsQuery } from '../../../lib/units.ts';
import { UnitSelect } from '../../../components/UnitSelect.tsx';
import { useSendDispatch } from '../api/dispatches.ts';

interface ComposeFields {
  kind: DispatchKind;
  urgency: Urgency;
  docNumber?: string;
  title: string;
  body: string;
  everyUnit: boolean;
  recipients: string[];
  copyTo: string[];
  ackWithinMinutes: number;
  respondBy?: string;
  attachments: PickedFile[];
  declaredUnclassified: boolean;
}

/**
 * 发文: 文号, 缓急, what, to whom (主送, 抄送), by when; declared unclassified
 * by whoever sends it (谁发布谁负责). Sent now, or saved as a draft that the
 * head of the district office signs off (签发).
 */
export default function ComposePage() {
  const me = useMe();
  const units = useQuery(unitsQuery);
  const send = useSendDispatch();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<ComposeFields>();
  const [key] = useState(() => crypto.randomUUID());
  const [failure, setFailure] = useState<string>();
  // Which button submitted the form: 发送 or 存为草稿 (read when the form is sent; shown as state).
  const asDraft = useRef(false);
  const [sending, setSending] = useState<'send' | 'draft'>('send');
  const kind = (Form.useWatch('kind', form) as DispatchKind | undefined) ?? 'notice';
  const everyUnit = (Form.useWatch('everyUnit', form) as boolean | undefined) ?? false;

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0 }}>
          发文
        </Typography.Title>
      }
    >
      <Form<ComposeFields>
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'notice',
          urgency: 'normal',
          everyUnit: false,
          recipients: [],
          copyTo: [],
          ackWithinMinutes: 10,
          attachments: [],
          declaredUnclassified: false,
        }}
        onValuesChange={(changed: Partial<ComposeFields>, all) => {
          // Art8: a notice within 10 minutes; a document by its urgency (特急 15, 加急 30, 平急 60).
          if (changed.kind || changed.urgency)
            form.setFieldValue('ackWithinMinutes', defaultAckMinutes(all.kind, all.urgency));
        }}
        onFinish={async (fields) => {
          setFailure(undefined);
          try {
            const sent = await send.mutateAsync({
              key,
              dispatch: {
                kind: fields.kind,
                urgency: fields.urgency,
                ...(fields.docNumber?.trim() ? { docNumber: fields.docNumber.trim() } : {}),
                title: fields.title,
                body: fields.body,
                recipients: fields.everyUnit ? 'all' : fields.recipients,
                ...(fields.copyTo.length > 0 ? { copyTo: fields.copyTo } : {}),
                ...(asDraft.current ? { draft: true } : {}),
                ackWithinMinutes: fields.ackWithinMinutes,
                ...(fields.kind === 'feedback' && fields.respondBy
                  ? { respondBy: shanghaiInputToIso(fields.respondBy) }
                  : {}),
                ...(fields.attachments.length > 0
                  ? { attachmentIds: attachmentIds(fields.attachments) }
                  : {}),
                declaredUnclassified: true,
              },
            });
            void message.success(
              sent.status === 'draft'
                ? '已存为草稿，待区政府办公室负责人签发'
                : `已发送给 ${sent.recipientCount} 个单位`,
            );
            await navigate(`/dispatches/${sent.id}`);
          } catch (error) {
            setFailure(
              showApiErrors(form, error, [
                'docNumber',
                'copyTo',
                'title',
                'body',
                'recipients',
                'ackWithinMinutes',
                'respondBy',
              ]),
            );
          }
        }}
      >
        {failure && (
          <Alert type="error" title={failure} showIcon role="alert" style={{ marginBottom: 16 }} />
        )}
        <Form.Item label="类型" name="kind">
          <Radio.Group
            optionType="button"
            options={(Object.keys(KIND) as DispatchKind[]).map((value) => ({
              value,
              label: KIND[value],
            }))}
          />
        </Form.Item>
        <Form.Item label="缓急" name="urgency">
          <Radio.Group
            optionType="button"
            options={(Object.keys(URGENCY) as Urgency[]).map((value) => ({
              value,
              label: URGENCY[value],
            }))}
          />
        </Form.Item>
        <Form.Item label="文号" name="docNumber" extra="如：新区办发〔2026〕12号；同一年内不能重复">
          <Input maxLength={50} style={{ maxWidth: 360 }} />
        </Form.Item>
        <Form.Item
          label="标题"
          name="title"
          rules={[{ required: true, whitespace: true, message: '请填写标题' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          label="正文"
          name="body"
          rules={[{ required: true, whitespace: true, message: '请填写正文' }]}
        >
          <Input.TextArea rows={8} maxLength={50_000} />
        </Form.Item>
        <Form.Item label="附件" name="attachments" rules={[attachmentsRule]}>
          <AttachmentPicker />
        </Form.Item>
        <Form.Item name="everyUnit" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>发送全部单位（本单位除外）</Checkbox>
        </Form.Item>
        {!everyUnit && (
          <Form.Item
            label="接收单位"
            name="recipients"
            rules={[{ required: true, type: 'array', min: 1, message: '请选择接收单位' }]}
          >
            <UnitSelect
              placeholder="输入单位名称查找"
              loading={units.isPending}
              options={(units.data?.items ?? [])
                .filter((unit) => unit.id !== me.unitId)
                .map((unit) => ({ value: unit.id, label: unit.name }))}
            />
          </Form.Item>
        )}
        <Form.Item
          label="抄送单位"
          name="copyTo"
          extra="抄送单位知悉即可，无须签收时限，不会被催办"
        >
          <UnitSelect
            placeholder="输入单位名称查找"
            loading={units.isPending}
            options={(units.data?.items ?? [])
              .filter((unit) => unit.id !== me.unitId)
              .map((unit) => ({ value: unit.id, label: unit.name }))}
          />
        </Form.Item>
        <Form.Item
          label="签收时限（分钟）"
          name="ackWithinMinutes"
          rules={[{ required: true, message: '请填写签收时限' }]}
        >
          <InputNumber min={1} max={7 * 24 * 60} style={{ width: 160 }} />
        </Form.Item>
        {kind === 'feedback' && (
          <Form.Item
            label="反馈截止时间（北京时间）"
            name="respondBy"
            rules={[{ required: true, message: '反馈件须设反馈截止时间' }]}
          >
            <Input type="datetime-local" style={{ width: 240 }} />
          </Form.Item>
        )}
        <Form.Item
          name="declaredUnclassified"
          valuePropName="checked"
          rules={[
            {
              validator: (_rule, value) =>
                value ? Promise.resolve() : Promise.reject(new Error('须确认不涉密后才能发送')),
            },
          ]}
        >
          <Checkbox>
            我确认本文件不涉密 <Typography.Text type="secondary">（谁发布谁负责）</Typography.Text>
          </Checkbox>
        </Form.Item>
        <Space size="middle" wrap>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            loading={send.isPending && sending === 'send'}
            onClick={() => {
              asDraft.current = false;
              setSending('send');
            }}
          >
            发送
          </Button>
          <Button
            htmlType="submit"
            size="large"
            loading={send.isPending && sending === 'draft'}
            onClick={() => {
              asDraft.current = true;
              setSending('draft');
            }}
          >
            存为草稿
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
