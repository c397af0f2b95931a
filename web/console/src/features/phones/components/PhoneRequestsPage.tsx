import { useQuery } from '@tanstack/react-query';
import { App, Button, Flex, Space, Table, Typography } from 'antd';
import { QueryState } from '../../../components/QueryState.tsx';
import type { PhoneRequest } from '../../../lib/api-types.ts';
import { fullTime } from '../../../lib/time.ts';
import { useUnitNames } from '../../../lib/units.ts';
import { phoneRequestsQuery, useDecideRequest } from '../api/phones.ts';

/** 号码变更申请 (Art14): what units asked to add or retire; the district administrator decides. */
export default function PhoneRequestsPage() {
  const requests = useQuery(phoneRequestsQuery);
  const decide = useDecideRequest();
  const unitName = useUnitNames();
  const { message } = App.useApp();
  const run = (id: string, decision: 'approve' | 'reject') => {
    decide.mutate(
      { id, decision },
      {
        onSuccess: () => void message.success(decision === 'approve' ? '已同意' : '已驳回'),
        onError: (error) => void message.error(error.message),
      },
    );
  };
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        号码变更申请
      </Typography.Title>
      <QueryState
        query={requests}
        empty="没有待处理的申请"
        isEmpty={(data) => data.items.length === 0}
      >
        {(data) => (
          <Table<PhoneRequest>
            rowKey="id"
            pagination={false}
            scroll={{ x: 720 }}
            dataSource={data.items}
            columns={[
              { title: '单位', key: 'unit', render: (_value, request) => unitName(request.unitId) },
              {
                title: '申请',
                key: 'action',
                render: (_value, request) => (request.action === 'add' ? '登记号码' : '停用号码'),
              },
              { title: '号码', dataIndex: 'phone' },
              {
                title: '使用人',
                key: 'holder',
                render: (_value, request) => request.holderName ?? '—',
              },
              {
                title: '申请时间',
                key: 'at',
                render: (_value, request) => fullTime(request.requestedAt),
              },
              {
                title: '处理',
                key: 'decide',
                render: (_value, request) => (
                  <Space>
                    <Button
                      type="primary"
                      onClick={() => {
                        run(request.id, 'approve');
                      }}
                    >
                      同意
                    </Button>
                    <Button
                      danger
                      onClick={() => {
                        run(request.id, 'reject');
                      }}
                    >
                      驳回
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </Flex>
  );
}
