import { Alert, Button, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import {
  AttachmentPicker,
  attachmentIds,
  attachmentsRule,
  type PickedFile,
} from '../../../components/Attachments.tsx';
import type { UpwardInput, UpwardKind, UpwardView } from '../../../lib/api-types.ts';
import { showApiErrors } from '../../../lib/forms.ts';
import { UPWARD_KIND } from '../../../lib/labels.ts';

interface UpwardFields {
  kind: UpwardKind;
  title: string;
  body: string;
  contactName: string;
  contactPhone: string;
  attachments: PickedFile[];
}

/**
 * What a unit reports upward (Art9): a text with a contact person and
 * phone and its files. A new report, or a returned one changed by its author.
 */
export function UpwardForm({
  report,
  dispatchId,
  submitLabel,
  onSubmit,
}: {
  /** The returned report being changed. */
  report?: UpwardView;
  /** The dispatch a feedback report answers. */
  dispatchId?: string;
  submitLabel: string;
  onSubmit: (report: UpwardInput) => Promise<unknown>;
}) {
  const [form] = Form.useForm<UpwardFields>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const answers = report?.dispatchId ?? dispatchId;
  return (
    <Form<UpwardFields>
      form={form}
      name="upward"
      aria-label={submitLabel}
      layout="vertical"
      initialValues={
        report
          ? {
              ...report,
              attachments: report.attachments.map((file) => ({
                key: file.id,
                id: file.id,
                name: file.name,
                size: file.size,
                state: 'ready' as const,
              })),
            }
          : { kind: answers ? 'feedback' : 'info', attachments: [] }
      }
      onFinish={async (fields) => {
        setBusy(true);
        setFailure(undefined);
        try {
          await onSubmit({
            kind: fields.kind,
            title: fields.title,
            body: fields.body,
            contactName: fields.contactName,
            contactPhone: fields.contactPhone,
            ...(fields.attachments.length > 0
              ? { attachmentIds: attachmentIds(fields.attachments) }
              : {}),
            ...(answers ? { dispatchId: answers } : {}),
          });
        } catch (error) {
          setFailure(
            showApiErrors(form, error, ['title', 'body', 'contactName', 'contactPhone', 'kind']),
          );
        } finally {
          setBusy(false);
        }
      }}
    >
      {failure && (
        <Alert type="error" title={failure} showIcon role="alert" style={{ marginBottom: 16 }} />
      )}
      <Form.Item label="类别" name="kind">
        <Radio.Group
          optionType="button"
          options={(Object.keys(UPWARD_KIND) as UpwardKind[])
            // A feedback report answers a dispatch: offered from that dispatch's page.
            .filter((kind) => (kind === 'feedback') === Boolean(answers))
            .map((value) => ({ value, label: UPWARD_KIND[value] }))}
        />
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
      <Form.Item
        label="联系人"
        name="contactName"
        rules={[{ required: true, whitespace: true, message: '请填写联系人' }]}
      >
        <Input maxLength={50} autoComplete="name" style={{ maxWidth: 320 }} />
      </Form.Item>
      <Form.Item
        label="联系电话"
        name="contactPhone"
        rules={[{ required: true, message: '请填写联系电话' }]}
      >
        <Input maxLength={32} inputMode="tel" autoComplete="tel" style={{ maxWidth: 320 }} />
      </Form.Item>
      <Form.Item label="附件" name="attachments" rules={[attachmentsRule]}>
        <AttachmentPicker />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" loading={busy}>
        {submitLabel}
      </Button>
    </Form>
  );
}
