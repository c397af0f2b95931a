import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { DispatchView } from '../../../lib/api-types.ts';
import { showApiErrors } from '../../../lib/forms.ts';
import { useMe } from '../../../lib/me.ts';
import { isoToShanghaiInput, shanghaiInputToIso } from '../../../lib/time.ts';
import { useUnitNames } from '../../../lib/units.ts';
import { useMoveDeadlines, useRecall, useSignOff, useUrge } from '../api/dispatches.ts';

/**
 * What the sender does with an item once it is written: the office head's
 * 签发 of a draft; on a sent item 立即催办, 延期 and 撤回.
 */
export function DispatchActions({ view }: { view: DispatchView }) {
  const me = useMe();
  const [open, setOpen] = useState<'recall' | 'deadline'>();
  const signOff = useSignOff(view.id);
  const urge = useUrge(view.id);
  const unitName = useUnitNames();
  const { message } = App.useApp();
  if (view.status === 'draft') {
    const isHead = me.group === 'unit-head' && me.unitId === 'district-office';
    return isHead ? (
      <Button
        type="primary"
        size="large"
        loading={signOff.isPending}
        onClick={() => {
          signOff.mutate(undefined, {
            onSuccess: (sent) => void message.success(`已签发，送达 ${sent.recipientCount} 个单位`),
            onError: (error) => void message.error(error.message),
          });
        }}
      >
        签发
      </Button>
    ) : (
      <Typography.Text type="secondary">草稿：待区政府办公室负责人签发后发出</Typography.Text>
    );
  }
  if (view.status !== 'sent' || me.group !== 'district-office') return null;
  const owing = view.receipts.filter(
    (receipt) =>
      receipt.role === 'main' &&
      receipt.status !== 'problem' &&
      (!receipt.acknowledgedAt || (view.kind === 'feedback' && !receipt.respondedAt)),
  );
  return (
    <>
      <Space wrap>
        <Button
          disabled={owing.length === 0}
          loading={urge.isPending}
          onClick={() => {
            urge.mutate(undefined, {
              onSuccess: (urged) => {
                const unreachable = urged.withoutPhone.map(unitName).join('、');
                void message.success(
                  `已催办 ${urged.unitIds.length} 个单位` +
                    (unreachable
                      ? `，其中${unreachable}没有可提醒的手机，请电话联系`
                      : '，提醒短信已发出'),
                );
              },
              onError: (error) => void message.error(error.message),
            });
          }}
        >
          立即催办
        </Button>
        <Button
          onClick={() => {
            setOpen('deadline');
          }}
        >
          延期
        </Button>
        <Button
          danger
          onClick={() => {
            setOpen('recall');
          }}
        >
          撤回
        </Button>
      </Space>
      {open === 'recall' && (
        <RecallDialog
          id={view.id}
          onClose={() => {
            setOpen(undefined);
          }}
        />
      )}
      {open === 'deadline' && (
        <DeadlineDialog
          view={view}
          onClose={() => {
            setOpen(undefined);
          }}
        />
      )}
    </>
  );
}

function RecallDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const recall = useRecall(id);
  const [form] = Form.useForm<{ reason: string }>();
  const [failure, setFailure] = useState<string>();
  const { message } = App.useApp();
  return (
    <Modal
      open
      title="撤回发文"
      okText="确认撤回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={recall.isPending}
      onCancel={onClose}
      onOk={() => {
        form.submit();
      }}
    >
      <Typography.Paragraph>
        撤回后各单位不再被催办，收文显示“已撤回”；已签收、已反馈的记录保留。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={async ({ reason }) => {
          setFailure(undefined);
          try {
            await recall.mutateAsync(reason);
            void message.success('已撤回');
            onClose();
          } catch (error) {
            setFailure(showApiErrors(form, error, ['reason']));
          }
        }}
      >
        {failure && (
          <Alert type="error" title={failure} role="alert" style={{ marginBottom: 12 }} />
        )}
        <Form.Item
          label="撤回原因"
          name="reason"
          rules={[{ required: true, whitespace: true, message: '请填写撤回原因' }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DeadlineDialog({ view, onClose }: { view: DispatchView; onClose: () => void }) {
  const move = useMoveDeadlines(view.id);
  const [form] = Form.useForm<{ ackDueAt?: string; respondBy?: string }>();
  const [failure, setFailure] = useState<string>();
  const { message } = App.useApp();
  return (
    <Modal
      open
      title="延期"
      okText="确认延期"
      cancelText="取消"
      confirmLoading={move.isPending}
      onCancel={onClose}
      onOk={() => {
        form.submit();
      }}
    >
      <Typography.Paragraph>
        只能延后；尚未签收或反馈的单位按新的时限重新计算提醒。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          ackDueAt: isoToShanghaiInput(view.ackDueAt),
          ...(view.respondBy ? { respondBy: isoToShanghaiInput(view.respondBy) } : {}),
        }}
        onFinish={async (fields) => {
          setFailure(undefined);
          const ackDueAt = fields.ackDueAt ? shanghaiInputToIso(fields.ackDueAt) : undefined;
          const respondBy = fields.respondBy ? shanghaiInputToIso(fields.respondBy) : undefined;
          try {
            await move.mutateAsync({
              ...(ackDueAt && ackDueAt !== view.ackDueAt ? { ackDueAt } : {}),
              ...(respondBy && respondBy !== view.respondBy ? { respondBy } : {}),
            });
            void message.success('已延期');
            onClose();
          } catch (error) {
            setFailure(showApiErrors(form, error, ['ackDueAt', 'respondBy']));
          }
        }}
      >
        {failure && (
          <Alert type="error" title={failure} role="alert" style={{ marginBottom: 12 }} />
        )}
        <Form.Item label="新的签收时限（北京时间）" name="ackDueAt">
          <Input type="datetime-local" style={{ width: 240 }} />
        </Form.Item>
        {view.kind === 'feedback' && (
          <Form.Item label="新的反馈截止时间（北京时间）" name="respondBy">
            <Input type="datetime-local" style={{ width: 240 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
