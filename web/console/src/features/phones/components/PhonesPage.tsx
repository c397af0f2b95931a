import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { QueryState } from '../../../components/QueryState.tsx';
import type { NewPhone, PhoneView, UnitPhones } from '../../../lib/api-types.ts';
import { showApiErrors } from '../../../lib/forms.ts';
import { useMe } from '../../../lib/me.ts';
import { fullTime, shanghaiInputToIso } from '../../../lib/time.ts';
import { unitsQuery } from '../../../lib/units.ts';
import {
  phonesQuery,
  useAddPhone,
  usePutDuty,
  useRetirePhone,
  useVerifyPhone,
} from '../api/phones.ts';
import { StatusTag, type Tone } from '../../../components/StatusTag.tsx';
import { Section } from '../../../components/Section.tsx';

const PHONE_STATUS: Record<PhoneView['status'], { label: string; tone: Tone }> = {
  unverified: { label: '待验证', tone: 'waiting' },
  active: { label: '有效', tone: 'ok' },
  retired: { label: '已停用', tone: 'neutral' },
};

/**
 * 提醒手机与值班 (Art14, Art7): the numbers that receive reminders, and who
 * is on duty when. A unit admin asks the district administrator for changes;
 * the district administrator makes them, for any unit.
 */
export default function PhonesPage() {
  const me = useMe();
  const isAdmin = me.group === 'district-admin';
  const units = useQuery(unitsQuery);
  const [unitId, setUnitId] = useState(me.unitId);
  const phones = useQuery(phonesQuery(unitId));
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          提醒手机与值班
        </Typography.Title>
        {isAdmin && (
          <Select
            aria-label="单位"
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            value={unitId}
            onChange={setUnitId}
            options={(units.data?.items ?? []).map((unit) => ({
              value: unit.id,
              label: unit.name,
            }))}
          />
        )}
      </Flex>
      <QueryState query={phones} empty="">
        {(data) => (
          <>
            <PhoneList unitId={unitId} phones={data} isAdmin={isAdmin} />
            <AddPhone unitId={unitId} isAdmin={isAdmin} />
            <DutyRoster unitId={unitId} phones={data} />
          </>
        )}
      </QueryState>
    </Flex>
  );
}

function PhoneList({
  unitId,
  phones,
  isAdmin,
}: {
  unitId: string;
  phones: UnitPhones;
  isAdmin: boolean;
}) {
  const retire = useRetirePhone();
  const verify = useVerifyPhone();
  const { message } = App.useApp();
  const [codes, setCodes] = useState<Record<string, string>>({});
  return (
    <Section title="已登记号码">
      {phones.items.length === 0 ? (
        <Alert
          type="warning"
          showIcon
          title="本单位还没有登记提醒手机：逾期提醒只能发给区政府办公室。"
        />
      ) : (
        <Table<PhoneView>
          rowKey="phone"
          pagination={false}
          scroll={{ x: 720 }}
          dataSource={phones.items}
          columns={[
            { title: '号码', dataIndex: 'phone' },
            { title: '使用人', dataIndex: 'holderName' },
            {
              title: '接收提醒',
              key: 'remind',
              render: (_value, phone) => (phone.remind ? '是' : '否'),
            },
            {
              title: '状态',
              key: 'status',
              render: (_value, phone) => (
                <Space wrap size={4}>
                  <StatusTag tone={PHONE_STATUS[phone.status].tone}>
                    {PHONE_STATUS[phone.status].label}
                  </StatusTag>
                  {phone.failingSince && (
                    <StatusTag tone="late">
                      发送失败（自{fullTime(phone.failingSince)}），请核实号码
                    </StatusTag>
                  )}
                </Space>
              ),
            },
            {
              title: '操作',
              key: 'actions',
              render: (_value, phone) => (
                <Space wrap>
                  {phone.status === 'unverified' && isAdmin && (
                    <Space.Compact>
                      <Input
                        aria-label={`${phone.phone} 的验证码`}
                        placeholder="短信验证码"
                        maxLength={6}
                        style={{ width: 120 }}
                        value={codes[phone.phone] ?? ''}
                        onChange={(event) => {
                          setCodes({ ...codes, [phone.phone]: event.target.value });
                        }}
                      />
                      <Button
                        onClick={() => {
                          verify.mutate(
                            { unitId, phone: phone.phone, code: codes[phone.phone] ?? '' },
                            {
                              onSuccess: () => void message.success('号码已验证'),
                              onError: (error) => void message.error(error.message),
                            },
                          );
                        }}
                      >
                        验证
                      </Button>
                    </Space.Compact>
                  )}
                  {phone.status !== 'retired' && (
                    <Popconfirm
                      title={
                        isAdmin
                          ? '停用后此号码不再接收任何提醒。确定停用？'
                          : '提交停用申请，由区信息中心处理？'
                      }
                      okText="确定"
                      cancelText="取消"
                      onConfirm={() =>
                        retire.mutateAsync({ unitId, phone: phone.phone }).then(
                          () => void message.success(isAdmin ? '已停用' : '已提交申请'),
                          (error: unknown) =>
                            void message.error(
                              error instanceof Error ? error.message : String(error),
                            ),
                        )
                      }
                    >
                      <Button danger>{isAdmin ? '停用' : '申请停用'}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Section>
  );
}

function AddPhone({ unitId, isAdmin }: { unitId: string; isAdmin: boolean }) {
  const add = useAddPhone();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewPhone>();
  const [failure, setFailure] = useState<string>();
  return (
    <Section title={isAdmin ? '登记号码' : '申请登记号码'}>
      {failure && <Alert type="error" title={failure} role="alert" style={{ marginBottom: 12 }} />}
      <Form<NewPhone>
        form={form}
        layout="inline"
        initialValues={{ remind: true }}
        onFinish={async (phone) => {
          setFailure(undefined);
          try {
            await add.mutateAsync({ unitId, phone });
            void message.success(
              isAdmin ? '已登记，验证码已发送到该号码' : '已提交申请，由区信息中心处理',
            );
            form.resetFields();
          } catch (error) {
            setFailure(showApiErrors(form, error, ['phone', 'holderName', 'remind']));
          }
        }}
      >
        <Form.Item
          label="手机号"
          name="phone"
          rules={[{ required: true, message: '请填写手机号' }]}
        >
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item
          label="使用人"
          name="holderName"
          rules={[{ required: true, whitespace: true, message: '请填写使用人' }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="remind" valuePropName="checked">
          <Checkbox>接收逾期提醒</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {isAdmin ? '登记' : '提交申请'}
        </Button>
      </Form>
    </Section>
  );
}

interface DutyRow {
  phone: string;
  from: string;
  to: string;
}

/** Shanghai wall time for a datetime-local input, from an instant. */
const toInput = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16);

function DutyRoster({ unitId, phones }: { unitId: string; phones: UnitPhones }) {
  const putDuty = usePutDuty();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ entries: DutyRow[] }>();
  const [failure, setFailure] = useState<string>();
  return (
    <Section title="值班表">
      <Typography.Paragraph type="secondary">
        非工作时间的逾期提醒同时发给当时值班人员的手机（须为本单位已登记并验证的号码，北京时间）。
      </Typography.Paragraph>
      {failure && <Alert type="error" title={failure} role="alert" style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        initialValues={{
          entries: phones.duty.map((entry) => ({
            ...entry,
            from: toInput(entry.from),
            to: toInput(entry.to),
          })),
        }}
        onFinish={async ({ entries }) => {
          setFailure(undefined);
          try {
            await putDuty.mutateAsync({
              unitId,
              duty: {
                entries: entries.map((entry) => ({
                  phone: entry.phone,
                  from: shanghaiInputToIso(entry.from),
                  to: shanghaiInputToIso(entry.to),
                })),
              },
            });
            void message.success('值班表已保存');
          } catch (error) {
            setFailure(error instanceof Error ? error.message : String(error));
          }
        }}
      >
        <Form.List name="entries">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((field, index) => (
                <Space key={field.key} wrap align="baseline">
                  <Form.Item
                    label={`第${index + 1}班 手机号`}
                    name={[field.name, 'phone']}
                    rules={[{ required: true, message: '请填写手机号' }]}
                  >
                    <Input inputMode="tel" style={{ width: 170 }} />
                  </Form.Item>
                  <Form.Item
                    label="开始"
                    name={[field.name, 'from']}
                    rules={[{ required: true, message: '请填写开始时间' }]}
                  >
                    <Input type="datetime-local" />
                  </Form.Item>
                  <Form.Item
                    label="结束"
                    name={[field.name, 'to']}
                    rules={[{ required: true, message: '请填写结束时间' }]}
                  >
                    <Input type="datetime-local" />
                  </Form.Item>
                  <Button
                    onClick={() => {
                      remove(field.name);
                    }}
                  >
                    删除
                  </Button>
                </Space>
              ))}
              <Space>
                <Button
                  onClick={() => {
                    add({ phone: '', from: '', to: '' });
                  }}
                >
                  添加一班
                </Button>
                <Button type="primary" htmlType="submit" loading={putDuty.isPending}>
                  保存值班表
                </Button>
              </Space>
            </Space>
          )}
        </Form.List>
      </Form>
    </Section>
  );
}
