import { Button, Flex, Segmented, Table, Typography, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryState } from '../../../components/QueryState.tsx';
import type { DispatchKind, DispatchListItem } from '../../../lib/api-types.ts';
import { DISPATCH_STATUS, KIND, URGENCY } from '../../../lib/labels.ts';
import { useMe } from '../../../lib/me.ts';
import { shortTime } from '../../../lib/time.ts';
import { useDispatchList } from '../api/dispatches.ts';
import { StatusTag } from '../../../components/StatusTag.tsx';

/** 签收跟踪: what was sent, newest first, and how its units stand, without opening each. */
export default function SentListPage() {
  const me = useMe();
  const [kind, setKind] = useState<DispatchKind | 'all'>('all');
  const list = useDispatchList(kind === 'all' ? undefined : kind);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          签收跟踪
        </Typography.Title>
        <Flex gap={12} wrap>
          <Segmented<DispatchKind | 'all'>
            aria-label="类型"
            value={kind}
            onChange={setKind}
            options={[
              { value: 'all', label: '全部' },
              ...(Object.keys(KIND) as DispatchKind[]).map((value) => ({
                value,
                label: KIND[value],
              })),
            ]}
          />
          {me.group === 'district-office' && (
            <Button type="primary" href="#/compose">
              发文
            </Button>
          )}
        </Flex>
      </Flex>
      <QueryState
        query={list}
        empty="还没有发出的文件"
        isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
      >
        {(data) => (
          <>
            <Table<DispatchListItem>
              rowKey="id"
              pagination={false}
              scroll={{ x: 980 }}
              dataSource={data.pages.flatMap((page) => page.items)}
              columns={[
                {
                  title: '标题',
                  key: 'title',
                  render: (_value, item) => (
                    <Space size={4} wrap>
                      <Link to={`/dispatches/${item.id}`}>{item.title}</Link>
                      {item.urgency !== 'normal' && (
                        <StatusTag tone="late">{URGENCY[item.urgency]}</StatusTag>
                      )}
                      {item.status !== 'sent' && (
                        <StatusTag tone={item.status === 'draft' ? 'waiting' : 'neutral'}>
                          {DISPATCH_STATUS[item.status]}
                        </StatusTag>
                      )}
                    </Space>
                  ),
                },
                {
                  title: '文号',
                  key: 'docNumber',
                  width: 200,
                  render: (_value, item) => item.docNumber ?? '—',
                },
                {
                  title: '类型',
                  key: 'kind',
                  width: 72,
                  render: (_value, item) => KIND[item.kind],
                },
                {
                  title: '发文时间',
                  key: 'sentAt',
                  render: (_value, item) => shortTime(item.sentAt),
                },
                {
                  title: '已签收',
                  key: 'ack',
                  render: (_value, item) => `${item.acknowledged} / ${item.recipientCount}`,
                },
                {
                  title: '已反馈',
                  key: 'answered',
                  render: (_value, item) => (item.kind === 'feedback' ? item.answered : '—'),
                },
                {
                  title: '逾期',
                  key: 'late',
                  render: (_value, item) =>
                    item.late > 0 ? <StatusTag tone="late">{item.late}</StatusTag> : 0,
                },
                {
                  title: '接收问题',
                  key: 'problems',
                  render: (_value, item) =>
                    item.problems > 0 ? <StatusTag tone="warning">{item.problems}</StatusTag> : 0,
                },
              ]}
            />
            {list.hasNextPage && (
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                加载更多
              </Button>
            )}
          </>
        )}
      </QueryState>
    </Flex>
  );
}
