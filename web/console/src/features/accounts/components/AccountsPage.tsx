import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Popconfirm, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import type { Group } from '../../../../../../shared/domain/principal.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import type { Account, NewAccount } from '../../../lib/api-types.ts';
import { showApiErrors } from '../../../lib/forms.ts';
import { GROUP } from '../../../lib/labels.ts';
import { useMe } from '../../../lib/me.ts';
import { unitsQuery } from '../../../lib/units.ts';
import { accountsQuery, useCreateAccount, useSwitchAccount } from '../api/accounts.ts';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { Section } from '../../../components/Section.tsx';

/** The groups each role may give (API.md "Accounts"); the API refuses anything else anyway. */
const GIVES: Record<'district-admin' | 'unit-admin', Group[]> = {
  'district-admin': ['unit-admin', 'unit-staff', 'unit-head', 'district-office', 'district-admin'],
  'unit-admin': ['unit-staff', 'unit-head'],
};

/**
 * 账号管理 (Art5, Art6, Art13): every login personal. The district
 * administrator manages units' admins; a unit admin its own staff and head.
 */
export default function AccountsPage() {
  const me = useMe();
  const isAdmin = me.group === 'district-admin';
  const units = useQuery(unitsQuery);
  const [unitId, setUnitId] = useState(isAdmin ? 'info-center' : me.unitId);
  const accounts = useQuery(accountsQuery(unitId));
  const switchAccount = useSwitchAccount();
  const { message } = App.useApp();
  const gives = GIVES[isAdmin ? 'district-admin' : 'unit-admin'];
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          账号管理
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
      <QueryState
        query={accounts}
        empty="本单位还没有账号"
        isEmpty={(data) => data.items.length === 0}
      >
        {(data) => (
          <Table<Account>
            rowKey="username"
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={data.items}
            columns={[
              { title: '用户名', dataIndex: 'username' },
              { title: '姓名', dataIndex: 'name' },
              { title: '角色', key: 'group', render: (_value, account) => GROUP[account.group] },
              {
                title: '状态',
                key: 'enabled',
                render: (_value, account) =>
                  account.enabled ? (
                    <StatusTag tone="ok">正常</StatusTag>
                  ) : (
                    <StatusTag tone="neutral">已停用</StatusTag>
                  ),
              },
              {
                title: '操作',
                key: 'switch',
                render: (_value, account) =>
                  gives.includes(account.group) && account.username !== me.username ? (
                    <Popconfirm
                      title={
                        account.enabled
                          ? '停用后此账号无法登录，15 分钟内失去访问。确定停用？'
                          : '确定启用？'
                      }
                      okText="确定"
                      cancelText="取消"
                      onConfirm={() =>
                        switchAccount
                          .mutateAsync({
                            unitId,
                            username: account.username,
                            enabled: !account.enabled,
                          })
                          .then(
                            () => void message.success(account.enabled ? '已停用' : '已启用'),
                            (error: unknown) =>
                              void message.error(
                                error instanceof Error ? error.message : String(error),
                              ),
                          )
                      }
                    >
                      <Button danger={account.enabled}>{account.enabled ? '停用' : '启用'}</Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryState>
      <CreateAccount unitId={unitId} gives={gives} />
    </Flex>
  );
}

function CreateAccount({ unitId, gives }: { unitId: string; gives: Group[] }) {
  const create = useCreateAccount();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewAccount>();
  const [failure, setFailure] = useState<string>();
  return (
    <Section title="新建账号">
      <Typography.Paragraph type="secondary">
        临时密码发送到邮箱；首次登录须设置新密码。
      </Typography.Paragraph>
      {failure && <Alert type="error" title={failure} role="alert" style={{ marginBottom: 12 }} />}
      <Form<NewAccount>
        form={form}
        layout="vertical"
        initialValues={{ group: gives[1] ?? gives[0] }}
        onFinish={async (account) => {
          setFailure(undefined);
          try {
            await create.mutateAsync({
              unitId,
              account: { ...account, ...(account.phone ? {} : { phone: undefined }) },
            });
            void message.success(`已开通账号 ${account.username}`);
            form.resetFields();
          } catch (error) {
            setFailure(showApiErrors(form, error, ['username', 'name', 'group', 'email', 'phone']));
          }
        }}
      >
        <Flex gap={16} wrap>
          <Form.Item
            label="用户名"
            name="username"
            rules={[
              {
                required: true,
                pattern: /^[a-z0-9][a-z0-9._-]{2,63}$/,
                message: '3-64位小写字母、数字、点、横线或下划线',
              },
            ]}
          >
            <Input autoComplete="off" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            label="姓名"
            name="name"
            rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
          >
            <Input maxLength={50} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label="角色" name="group">
            <Select
              style={{ width: 200 }}
              options={gives.map((group) => ({ value: group, label: GROUP[group] }))}
            />
          </Form.Item>
          <Form.Item
            label="邮箱"
            name="email"
            rules={[{ required: true, type: 'email', message: '请填写邮箱：临时密码发送到此' }]}
          >
            <Input style={{ width: 240 }} />
          </Form.Item>
          <Form.Item label="手机号（可选）" name="phone">
            <Input inputMode="tel" style={{ width: 180 }} />
          </Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          开通账号
        </Button>
      </Form>
    </Section>
  );
}
