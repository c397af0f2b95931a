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
  dutyQuery,
  onDutyNowQuery,
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
            <OnDutyNow unitId={unitId} />
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
          rowKey="id"
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
                  {phone.status === 'unverified' && (
                    <Space.Compact>
                      <Input
                        aria-label={`${phone.holderName} ${phone.phone} 的验证码`}
                        placeholder="短信验证码"
                        inputMode="numeric"
                        maxLength={6}
                        style={{ width: 120 }}
                        value={codes[phone.id] ?? ''}
                        onChange={(event) => {
                          setCodes({ ...codes, [phone.id]: event.target.value });
                        }}
                      />
                      <Button
                        onClick={() => {
                          verify.mutate(
                            { unitId, phoneId: phone.id, code: codes[phone.id] ?? '' },
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
                        retire.mutateAsync({ unitId, phoneId: phone.id }).then(
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

/** Shanghai wall time for a datetime-local input, from an instant. */
const toInput = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16);

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'].map((name, i) => ({
  value: i + 1,
  label: `周${name}`,
}));

/** 当前值班: who is on duty at this moment, asked again every minute. */
function OnDutyNow({ unitId }: { unitId: string }) {
  const now = useQuery(onDutyNowQuery(unitId));
  return (
    <Section title="当前值班">
      <QueryState query={now} empty="">
        {(data) => (
          <Space wrap>
            <StatusTag tone={data.workingHours ? 'ok' : 'waiting'}>
              {data.workingHours ? '工作时间' : '非工作时间'}
            </StatusTag>
            {data.onDuty.length === 0 ? (
              <Typography.Text>
                现在无人值班
                {data.workingHours ? '' : '：逾期提醒发给接收提醒的手机'}
              </Typography.Text>
            ) : (
              data.onDuty.map((person) => (
                <Typography.Text key={person.phone} strong>
                  {person.holderName} {person.phone}
                </Typography.Text>
              ))
            )}
          </Space>
        )}
      </QueryState>
    </Section>
  );
}

interface RosterFields {
  weekly: { phoneId?: string; days: number[]; from: string; to: string }[];
  entries: { phoneId?: string; from: string; to: string }[];
}

/**
 * 值班表: a weekly pattern (the nights and weekends that repeat) and one-off
 * entries, each choosing a person from the unit's verified phones. Outside
 * working hours reminders go to whoever is on duty (Art7).
 */
function DutyRoster({ unitId, phones }: { unitId: string; phones: UnitPhones }) {
  const duty = useQuery(dutyQuery(unitId));
  const putDuty = usePutDuty();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string>();
  const people = phones.items
    .filter((phone) => phone.status === 'active')
    .map((phone) => ({ value: phone.id, label: `${phone.holderName} ${phone.phone}` }));
  const person = (name: (string | number)[], label: string) => (
    <Form.Item label={label} name={name} rules={[{ required: true, message: '请选择值班人' }]}>
      <Select
        style={{ width: 240 }}
        options={people}
        placeholder="已验证的提醒手机"
        notFoundContent="本单位还没有已验证的手机"
      />
    </Form.Item>
  );
  return (
    <Section title="值班表">
      <Typography.Paragraph type="secondary">
        按周排班（北京时间；结束早于开始表示到次日早上），另可添加临时值班。非工作时间的逾期提醒发给当时值班的人；无人值班时发给接收提醒的手机。
      </Typography.Paragraph>
      {failure && <Alert type="error" title={failure} role="alert" style={{ marginBottom: 12 }} />}
      <QueryState query={duty} empty="">
        {(roster) => (
          <Form<RosterFields>
            key={`${unitId}-${roster.weekly.length}-${roster.entries.length}`}
            layout="vertical"
            initialValues={{
              weekly: roster.weekly.map(({ phoneId, days, from, to }) => ({
                phoneId,
                days,
                from,
                to,
              })),
              entries: roster.entries.map(({ phoneId, from, to }) => ({
                phoneId,
                from: toInput(from),
                to: toInput(to),
              })),
            }}
            onFinish={async ({ weekly, entries }) => {
              setFailure(undefined);
              try {
                await putDuty.mutateAsync({
                  unitId,
                  duty: {
                    weekly: weekly.map(({ phoneId, days, from, to }) => ({
                      phoneId,
                      days,
                      from,
                      to,
                    })),
                    entries: entries.map(({ phoneId, from, to }) => ({
                      phoneId,
                      from: shanghaiInputToIso(from),
                      to: shanghaiInputToIso(to),
                    })),
                  },
                });
                void message.success('值班表已保存');
              } catch (error) {
                setFailure(error instanceof Error ? error.message : String(error));
              }
            }}
          >
            <Typography.Title level={4} style={{ fontSize: 15 }}>
              每周值班
            </Typography.Title>
            <Form.List name="weekly">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((field, index) => (
                    <Flex key={field.key} wrap gap={12} align="end">
                      {person([field.name, 'phoneId'], `第${index + 1}组 值班人`)}
                      <Form.Item
                        label="星期"
                        name={[field.name, 'days']}
                        // A validator, not `required`: a group of checkboxes takes no aria-required.
                        rules={[
                          {
                            validator: (_rule, days: number[] | undefined) =>
                              days && days.length > 0
                                ? Promise.resolve()
                                : Promise.reject(new Error('请选择星期')),
                          },
                        ]}
                      >
                        <Checkbox.Group options={WEEKDAYS} role="group" aria-label="星期" />
                      </Form.Item>
                      <Form.Item
                        label="开始"
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
                      add({ days: [1, 2, 3, 4, 5], from: '17:30', to: '08:30' });
                    }}
                  >
                    添加每周值班
                  </Button>
                </Flex>
              )}
            </Form.List>
            <Typography.Title level={4} style={{ fontSize: 15, marginTop: 24 }}>
              临时值班
            </Typography.Title>
            <Form.List name="entries">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((field, index) => (
                    <Flex key={field.key} wrap gap={12} align="end">
                      {person([field.name, 'phoneId'], `第${index + 1}班 值班人`)}
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
                  <Space>
                    <Button
                      onClick={() => {
                        add({ from: '', to: '' });
                      }}
                    >
                      添加临时值班
                    </Button>
                    <Button type="primary" htmlType="submit" loading={putDuty.isPending}>
                      保存值班表
                    </Button>
                  </Space>
                </Flex>
              )}
            </Form.List>
          </Form>
        )}
      </QueryState>
    </Section>
  );
}
