import { Button, Flex, Segmented, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryState } from '../../../components/QueryState.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import type { UpwardStatus, UpwardSummary } from '../../../lib/api-types.ts';
import { UPWARD_KIND, UPWARD_STATUS, UPWARD_TONE } from '../../../lib/labels.ts';
import { useMe } from '../../../lib/me.ts';
import { shortTime } from '../../../lib/time.ts';
import { useUnitNames } from '../../../lib/units.ts';
import { useUpwardList } from '../api/upward.ts';

/** The district office sees a report once its unit's head has sealed it. */
const OFFICE_STATUSES: UpwardStatus[] = ['submitted', 'received'];

/** 上报: a unit's reports to the district office and where each stands; the office's to receive. */
export default function UpwardListPage() {
  const me = useMe();
  const office = me.group === 'district-office';
  const [status, setStatus] = useState<UpwardStatus | 'all'>('all');
  const list = useUpwardList(status === 'all' ? undefined : status);
  const unitName = useUnitNames();
  const statuses = office ? OFFICE_STATUSES : (Object.keys(UPWARD_STATUS) as UpwardStatus[]);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          上报
        </Typography.Title>
        <Flex gap={12} wrap>
          <Segmented<UpwardStatus | 'all'>
            aria-label="状态"
            value={status}
            onChange={setStatus}
            options={[
              { value: 'all', label: '全部' },
              ...statuses.map((value) => ({ value, label: UPWARD_STATUS[value] })),
            ]}
          />
          {!office && (
            <Button type="primary" href="#/upward/new">
              写上报
            </Button>
          )}
        </Flex>
      </Flex>
      <QueryState
        query={list}
        empty={office ? '还没有报送来的上报' : '本单位还没有上报'}
        isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
      >
        {(data) => (
          <>
            <Table<UpwardSummary>
              rowKey="id"
              pagination={false}
              scroll={{ x: 640 }}
              dataSource={data.pages.flatMap((page) => page.items)}
              columns={[
                {
                  title: '标题',
                  key: 'title',
                  render: (_value, item) => <Link to={`/upward/${item.id}`}>{item.title}</Link>,
                },
                { title: '类别', key: 'kind', render: (_value, item) => UPWARD_KIND[item.kind] },
                ...(office
                  ? [
                      {
                        title: '报送单位',
                        key: 'unit',
                        render: (_value: unknown, item: UpwardSummary) => unitName(item.unitId),
                      },
                    ]
                  : []),
                {
                  title: '状态',
                  key: 'status',
                  render: (_value, item) => (
                    <StatusTag tone={UPWARD_TONE[item.status]}>
                      {UPWARD_STATUS[item.status]}
                    </StatusTag>
                  ),
                },
                {
                  title: '填报时间',
                  key: 'createdAt',
                  render: (_value, item) => shortTime(item.createdAt),
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
