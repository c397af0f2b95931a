import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import {
  AttachmentList,
  AttachmentPicker,
  attachmentIds,
  attachmentsRule,
  type PickedFile,
} from '../../../components/Attachments.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import type { ProblemView } from '../../../lib/api-types.ts';
import { showApiErrors } from '../../../lib/forms.ts';
import { shortTime } from '../../../lib/time.ts';
import { useUnitNames } from '../../../lib/units.ts';
import { useResolveProblem } from '../api/dispatches.ts';

/**
 * Reception problems (Art8.4) as the sender follows them: each open one
 * with 处理并关闭, each resolved one with what was done and the files sent
 * to that unit. Read-only for those who only follow (`canResolve` false).
 */
export function ProblemList({
  dispatchId,
  problems,
  canResolve,
}: {
  dispatchId: string;
  problems: ProblemView[];
  canResolve: boolean;
}) {
  const unitName = useUnitNames();
  const [resolving, setResolving] = useState<ProblemView>();
  return (
    <>
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {problems.map((problem) => (
          <li key={problem.id} style={{ marginBottom: 12 }}>
            <Typography.Text strong>
              {unitName(problem.unitId)} · {shortTime(problem.reportedAt)}
            </Typography.Text>{' '}
            <StatusTag tone={problem.status === 'open' ? 'warning' : 'ok'}>
              {problem.status === 'open' ? '待处理' : '已处理'}
            </StatusTag>
            <br />
            {problem.description}（联系人 {problem.contactName}，{problem.contactPhone}）
            {problem.resolution && (
              <div>
                <Typography.Text type="secondary">
                  处理：{problem.resolution}（{problem.resolvedBy}，
                  {shortTime(problem.resolvedAt ?? '')}）
                </Typography.Text>
                <AttachmentList files={problem.attachments} />
              </div>
            )}
            {canResolve && problem.status === 'open' && (
              <div style={{ marginTop: 4 }}>
                <Button
                  size="small"
                  aria-label={`处理并关闭：${unitName(problem.unitId)}`}
                  onClick={() => {
                    setResolving(problem);
                  }}
                >
                  处理并关闭
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {resolving && (
        <ResolveDialog
          dispatchId={dispatchId}
          problem={resolving}
          unit={unitName(resolving.unitId)}
          onClose={() => {
            setResolving(undefined);
          }}
        />
      )}
    </>
  );
}

function ResolveDialog({
  dispatchId,
  problem,
  unit,
  onClose,
}: {
  dispatchId: string;
  problem: ProblemView;
  unit: string;
  onClose: () => void;
}) {
  const resolve = useResolveProblem(dispatchId);
  const [form] = Form.useForm<{ resolution: string; attachments: PickedFile[] }>();
  const [failure, setFailure] = useState<string>();
  const { message } = App.useApp();
  return (
    <Modal
      open
      title={`处理${unit}的接收问题`}
      okText="处理并关闭"
      cancelText="取消"
      confirmLoading={resolve.isPending}
      onCancel={onClose}
      onOk={() => {
        form.submit();
      }}
    >
      <Typography.Paragraph>
        {problem.description}
        <br />
        <Typography.Text type="secondary">
          关闭后该单位的签收和反馈时限顺延问题未解决的时长，并重新提醒。
        </Typography.Text>
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ attachments: [] }}
        onFinish={async ({ resolution, attachments }) => {
          setFailure(undefined);
          try {
            await resolve.mutateAsync({
              problemId: problem.id,
              resolution: {
                resolution,
                ...(attachments.length > 0 ? { attachmentIds: attachmentIds(attachments) } : {}),
              },
            });
            void message.success('问题已处理并关闭');
            onClose();
          } catch (error) {
            setFailure(showApiErrors(form, error, ['resolution']));
          }
        }}
      >
        {failure && (
          <Alert type="error" title={failure} role="alert" style={{ marginBottom: 12 }} />
        )}
        <Form.Item
          label="处理说明"
          name="resolution"
          rules={[{ required: true, whitespace: true, message: '请填写处理说明' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item label="补发附件（仅发给该单位）" name="attachments" rules={[attachmentsRule]}>
          <AttachmentPicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
