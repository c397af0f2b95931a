import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Segmented, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { QueryState } from '../../../components/QueryState.tsx';
import type { StaffReport } from '../../../lib/api-types.ts';
import { REPORT_STATUS, REPORT_TONE } from '../../../lib/labels.ts';
import { useMe } from '../../../lib/me.ts';
import { shortTime } from '../../../lib/time.ts';
import { unitsQuery, useUnitNames } from '../../../lib/units.ts';
import { useReports, useServiceNames, type ReportList } from '../api/reports.ts';
import { ReportDrawer } from './ReportDrawer.tsx';
import { DueTime } from './DueTime.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';

/**
 * 群众诉求: a department's queue (open first) with each report's number and
 * due time, coloured as it is chased; for the district office every
 * department's, and its lists of reports handed back (退单) and extensions
 * to decide (延期申请).
 */
const EMPTY: Record<ReportList, string> = {
  open: '没有未办结的诉求',
  all: '还没有诉求',
  returned: '没有待重新分派的退单',
  extension: '没有待审批的延期申请',
};

export default function ReportsPage() {
  const me = useMe();
  const isOffice = me.group === 'district-office';
  const [status, setStatus] = useState<ReportList>('open');
  const [unitId, setUnitId] = useState<string>();
  const [open, setOpen] = useState<string>();
  const reports = useReports({ status, unitId });
  const units = useQuery(unitsQuery);
  const unitName = useUnitNames();
  const serviceName = useServiceNames();
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          群众诉求
        </Typography.Title>
        <Flex gap={12} wrap>
          {isOffice && (status === 'open' || status === 'all') && (
            <Select
              aria-label="承办部门"
              allowClear
              placeholder="全部部门"
              style={{ width: 200 }}
              value={unitId}
              onChange={setUnitId}
              options={(units.data?.items ?? []).map((unit) => ({
                value: unit.id,
                label: unit.name,
              }))}
            />
          )}
          <Segmented<ReportList>
            aria-label="显示哪些诉求"
            value={status}
            onChange={setStatus}
            options={[
              { value: 'open', label: '未办结' },
              { value: 'all', label: '全部' },
              ...(isOffice
                ? [
                    { value: 'returned' as const, label: '退单' },
                    { value: 'extension' as const, label: '延期申请' },
                  ]
                : []),
            ]}
          />
        </Flex>
      </Flex>
      <QueryState
        query={reports}
        empty={EMPTY[status]}
        isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
      >
        {(data) => (
          <>
            <Table<StaffReport>
              rowKey="id"
              pagination={false}
              scroll={{ x: 720 }}
              dataSource={data.pages.flatMap((page) => page.items)}
              columns={[
                {
                  title: '编号',
                  key: 'number',
                  render: (_value, report) => report.number ?? '—',
                },
                {
                  title: '提交时间',
                  key: 'createdAt',
                  render: (_value, report) => shortTime(report.createdAt),
                },
                {
                  title: '办结时限',
                  key: 'dueAt',
                  render: (_value, report) => <DueTime report={report} />,
                },
                {
                  title: '分类',
                  key: 'service',
                  render: (_value, report) => serviceName(report.serviceCode),
                },
                ...(isOffice
                  ? [
                      {
                        title: '承办部门',
                        key: 'unit',
                        render: (_value: unknown, report: StaffReport) => unitName(report.unitId),
                      },
                    ]
                  : []),
                {
                  title: '问题描述',
                  key: 'description',
                  render: (_value, report) => (
                    <Button
                      type="link"
                      style={{
                        padding: 0,
                        height: 'auto',
                        whiteSpace: 'normal',
                        textAlign: 'left',
                      }}
                      onClick={() => {
                        setOpen(report.id);
                      }}
                    >
                      {report.description.length > 40
                        ? `${report.description.slice(0, 40)}…`
                        : report.description}
                    </Button>
                  ),
                },
                {
                  title: '照片',
                  key: 'photos',
                  render: (_value, report) => report.photos.filter((photo) => photo.url).length,
                },
                {
                  title: '状态',
                  key: 'status',
                  render: (_value, report) => (
                    <StatusTag tone={REPORT_TONE[report.status]}>
                      {REPORT_STATUS[report.status]}
                    </StatusTag>
                  ),
                },
              ]}
            />
            {reports.hasNextPage && (
              <Button
                onClick={() => void reports.fetchNextPage()}
                loading={reports.isFetchingNextPage}
              >
                加载更多
              </Button>
            )}
          </>
        )}
      </QueryState>
      {open && (
        <ReportDrawer
          id={open}
          onClose={() => {
            setOpen(undefined);
          }}
        />
      )}
    </Flex>
  );
}
