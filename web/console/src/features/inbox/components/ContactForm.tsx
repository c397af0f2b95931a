import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { showApiErrors } from '../../../lib/forms.ts';

/** The text field is named as the API names it, so its refusals land on it. */
export type ContactFields<T extends string> = Record<T | 'contactName' | 'contactPhone', string>;

/**
 * A text with a contact person and phone (Art9.3): the answer to a feedback
 * request, or a reception problem. The API's refusals show on their field.
 */
export function ContactForm<T extends 'summary' | 'description'>({
  title,
  textLabel,
  textField,
  submitLabel,
  onSubmit,
}: {
  /** The form's accessible name: two may share a page. */
  title: string;
  textLabel: string;
  textField: T;
  submitLabel: string;
  onSubmit: (fields: ContactFields<T>) => Promise<unknown>;
}) {
  const [form] = Form.useForm<Record<string, string>>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const textName: string = textField;
  return (
    <Form
      form={form}
      // Its own field ids: the answer and the problem form may share a page.
      name={textName}
      aria-label={title}
      layout="vertical"
      onFinish={async (fields) => {
        setBusy(true);
        setFailure(undefined);
        try {
          await onSubmit(fields as ContactFields<T>);
          form.resetFields();
        } catch (error) {
          setFailure(showApiErrors(form, error, [textField, 'contactName', 'contactPhone']));
        } finally {
          setBusy(false);
        }
      }}
    >
      {failure && (
        <Alert type="error" title={failure} showIcon style={{ marginBottom: 12 }} role="alert" />
      )}
      <Form.Item
        label={textLabel}
        name={textName}
        rules={[{ required: true, whitespace: true, message: `请填写${textLabel}` }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item
        label="联系人"
        name="contactName"
        rules={[{ required: true, whitespace: true, message: '请填写联系人' }]}
      >
        <Input maxLength={50} autoComplete="name" />
      </Form.Item>
      <Form.Item
        label="联系电话"
        name="contactPhone"
        rules={[{ required: true, message: '请填写联系电话' }]}
      >
        <Input maxLength={32} inputMode="tel" autoComplete="tel" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {submitLabel}
      </Button>
    </Form>
  );
}
