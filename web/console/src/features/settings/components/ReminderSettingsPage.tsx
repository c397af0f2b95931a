import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Typography,
} from 'antd';
import { useState } from 'react';
import { QueryState } from '../../../components/QueryState.tsx';
import type { DispatchKind, ReminderSettings } from '../../../lib/api-types.ts';
import { KIND } from '../../../lib/labels.ts';
import { reminderSettingsQuery, useSaveReminderSettings } from '../api/reminder-settings.ts';
import { Section } from '../../../components/Section.tsx';

type Fields = Record<
  DispatchKind,
  Omit<ReminderSettings[DispatchKind], 'answerRemindersBeforeMinutes'> & { before?: string }
> & { workingHours: { from: string; to: string }[]; signOffRequired: DispatchKind[] };

/** 提醒设置: when reminders go out, how often, and when the district office is told (data, not a deploy). */
export default function ReminderSettingsPage() {
  const settings = useQuery(reminderSettingsQuery);
  const save = useSaveReminderSettings();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string>();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        提醒设置
      </Typography.Title>
      <QueryState query={settings} empty="">
        {(current) => (
          <Form<Fields>
            layout="vertical"
            initialValues={{
              ...Object.fromEntries(
                (Object.keys(KIND) as DispatchKind[]).map((kind) => [
                  kind,
                  {
                    ...current[kind],
                    before: (current[kind].answerRemindersBeforeMinutes ?? []).join(', '),
                  },
                ]),
              ),
              workingHours: current.workingHours ?? [],
              signOffRequired: current.signOffRequired ?? [],
            }}
            onFinish={async (fields) => {
              setFailure(undefined);
              try {
                const kinds = Object.fromEntries(
                  (Object.keys(KIND) as DispatchKind[]).map((kind) => {
                    const { before, ...rest } = fields[kind];
                    const minutes = (before ?? '')
                      .split(/[,，\s]+/)
                      .filter(Boolean)
                      .map(Number);
                    return [
                      kind,
                      {
                        ...rest,
                        ...(kind === 'feedback' ? { answerRemindersBeforeMinutes: minutes } : {}),
                      },
                    ];
                  }),
                ) as unknown as Pick<ReminderSettings, DispatchKind>;
                await save.mutateAsync({
                  ...kinds,
                  workingHours: fields.workingHours,
                  signOffRequired: fields.signOffRequired,
                });
                void message.success('提醒设置已保存，自各件的下一次提醒起生效');
              } catch (error) {
                setFailure(error instanceof Error ? error.message : String(error));
              }
            }}
          >
            {failure && (
              <Alert type="error" title={failure} role="alert" style={{ marginBottom: 12 }} />
            )}
            <Row gutter={[16, 16]}>
              {(Object.keys(KIND) as DispatchKind[]).map((kind) => (
                <Col xs={24} md={8} key={kind}>
                  <Section title={KIND[kind]}>
                    <Form.Item
                      label="逾期后首次提醒（分钟）"
                      name={[kind, 'firstAfterDeadlineMinutes']}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={0} max={1440} />
                    </Form.Item>
                    <Form.Item
                      label="此后每隔（分钟）"
                      name={[kind, 'repeatEveryMinutes']}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={1} max={1440} />
                    </Form.Item>
                    <Form.Item
                      label="提醒几次后告知区政府办公室"
                      name={[kind, 'escalateAfter']}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={0} max={100} />
                    </Form.Item>
                    <Form.Item
                      label="最多提醒次数"
                      name={[kind, 'maxReminders']}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={1} max={100} />
                    </Form.Item>
                    {kind === 'feedback' && (
                      <Form.Item label="反馈截止前提醒（分钟，逗号分隔）" name={[kind, 'before']}>
                        <Input placeholder="1440, 120" />
                      </Form.Item>
                    )}
                  </Section>
                </Col>
              ))}
            </Row>
            <Section title="工作时间" style={{ marginTop: 16 }}>
              <Typography.Paragraph type="secondary">
                工作日（按区日历，含调休）的办公时间，北京时间。非工作时间的逾期提醒发给当时值班的人。不设则全天按工作时间处理。
              </Typography.Paragraph>
              <Form.List name="workingHours">
                {(fields, { add, remove }) => (
                  <Flex vertical gap={8}>
                    {fields.map((field, index) => (
                      <Flex key={field.key} gap={12} align="end" wrap>
                        <Form.Item
                          label={`第${index + 1}段 开始`}
                          name={[field.name, 'from']}
                          rules={[{ required: true, message: '请填写开始时间' }]}
                        >
                          <Input type="time" />
                        </Form.Item>
                        <Form.Item
                          label="结束"
                          name={[field.name, 'to']}
                          rules={[{ required: true, message: '请填写结束时间' }]}
                        >
                          <Input type="time" />
                        </Form.Item>
                        <Form.Item>
                          <Button
                            onClick={() => {
                              remove(field.name);
                            }}
                          >
                            删除
                          </Button>
                        </Form.Item>
                      </Flex>
                    ))}
                    <Button
                      style={{ alignSelf: 'flex-start' }}
                      onClick={() => {
                        add({ from: '08:30', to: '12:00' });
                      }}
                    >
                      添加一段工作时间
                    </Button>
                  </Flex>
                )}
              </Form.List>
            </Section>
            <Section title="签发" style={{ marginTop: 16 }}>
              <Typography.Paragraph type="secondary">
                勾选的类型须先存为草稿，经区政府办公室负责人签发后才发出（审核登记，谁发布谁负责）。
              </Typography.Paragraph>
              <Form.Item label="须经签发的类型" name="signOffRequired">
                <Checkbox.Group
                  role="group"
                  aria-label="须经签发的类型"
                  options={(Object.keys(KIND) as DispatchKind[]).map((kind) => ({
                    value: kind,
                    label: KIND[kind],
                  }))}
                />
              </Form.Item>
            </Section>
            <Button
              type="primary"
              htmlType="submit"
              loading={save.isPending}
              style={{ marginTop: 16 }}
            >
              保存
            </Button>
          </Form>
        )}
      </QueryState>
    </Flex>
  );
}
