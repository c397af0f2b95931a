import { Button, Flex, Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { QueryState } from '../../../components/QueryState.tsx';
import { Section } from '../../../components/Section.tsx';
import type { AuditRecord } from '../../../lib/api-types.ts';
import { AUDIT_ACTION } from '../../../lib/labels.ts';
import { fullTime } from '../../../lib/time.ts';
import { useAuditSearch, type AuditSearch } from '../api/audit.ts';

/** A `datetime-local` value, read as Asia/Shanghai time, as an instant. */
const shanghai = (local: string | undefined) =>
  local ? new Date(`${local}:00+08:00`).toISOString() : undefined;

/**
 * 审计查询 (Art21): who did what to which record and when, newest first,
 * for the district administrator.
 */
export default function AuditPage() {
  const [search, setSearch] = useState<AuditSearch>({});
  const found = useAuditSearch(search);
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        审计查询
      </Typography.Title>
      <Section title="查询条件">
        <Form<{ target?: string; actor?: string; from?: string; to?: string }>
          layout="inline"
          onFinish={(values) => {
            setSearch({
              ...(values.target ? { target: values.target.trim() } : {}),
              ...(values.actor ? { actor: values.actor.trim() } : {}),
              ...(values.from ? { from: shanghai(values.from) } : {}),
              ...(values.to ? { to: shanghai(values.to) } : {}),
            });
          }}
        >
          <Form.Item name="target" label="对象">
            <Input placeholder="如 DISPATCH#… 或 UNIT#health" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="actor" label="操作人">
            <Input placeholder="账号标识（sub）" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="from" label="开始时间">
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="to" label="结束时间">
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          不填时间则查最近 30 天；一次最多查一年。
        </Typography.Paragraph>
      </Section>
      <QueryState
        query={found}
        empty="没有符合条件的记录"
        isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
      >
        {(data) => (
          <>
            <Table<AuditRecord>
              rowKey={(record) => `${record.at}${record.target}${record.action}${record.actorSub}`}
              pagination={false}
              scroll={{ x: 960 }}
              dataSource={data.pages.flatMap((page) => page.items)}
              columns={[
                { title: '时间', key: 'at', render: (_v, record) => fullTime(record.at) },
                {
                  title: '操作',
                  key: 'action',
                  // An action this console does not know yet (a newer platform) shows its code.
                  render: (_value, record) =>
                    (AUDIT_ACTION as Partial<Record<string, string>>)[record.action] ??
                    record.action,
                },
                { title: '对象', key: 'target', dataIndex: 'target' },
                { title: '操作人', key: 'actorSub', dataIndex: 'actorSub' },
                { title: '单位', key: 'actorUnit', dataIndex: 'actorUnit' },
                {
                  title: '来源地址',
                  key: 'sourceIp',
                  render: (_v, record) => record.sourceIp ?? '—',
                },
                {
                  title: '详情',
                  key: 'details',
                  width: 320,
                  render: (_v, record) =>
                    record.details ? (
                      <Typography.Text code style={{ fontSize: 12 }}>
                        {JSON.stringify(record.details)}
                      </Typography.Text>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
            {found.hasNextPage && (
              <Button onClick={() => void found.fetchNextPage()} loading={found.isFetchingNextPage}>
                加载更多
              </Button>
            )}
          </>
        )}
      </QueryState>
    </Flex>
  );
}
