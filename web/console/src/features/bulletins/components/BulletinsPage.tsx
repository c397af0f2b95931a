import { shanghaiDay } from '../../../../../../shared/domain/reception.ts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryState } from '../../../components/QueryState.tsx';
import { Section } from '../../../components/Section.tsx';
import { showApiErrors } from '../../../lib/forms.ts';
import { useMe } from '../../../lib/me.ts';
import { fullTime } from '../../../lib/time.ts';
import {
  exportReception,
  receptionQuery,
  useBulletinList,
  usePublishBulletin,
} from '../api/bulletins.ts';
import { ReceptionChart, ReceptionTable } from './ReceptionFigures.tsx';

/** Today in Asia/Shanghai, `2026-11-25`. */
const today = () => shanghaiDay(new Date().toISOString());

/**
 * 通报 (Art20): the district office watches how units receive what it sends
 * — figures for any range, a chart, exports — and publishes a bulletin that
 * every unit reads. Units see the published bulletins.
 */
export default function BulletinsPage() {
  const me = useMe();
  const office = me.group === 'district-office' || me.group === 'district-admin';
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        通报
      </Typography.Title>
      {office && <ReceptionSection canPublish={me.group === 'district-office'} />}
      <PublishedList />
    </Flex>
  );
}

function ReceptionSection({ canPublish }: { canPublish: boolean }) {
  const [range, setRange] = useState(() => ({ from: `${today().slice(0, 8)}01`, to: today() }));
  const reception = useQuery({
    ...receptionQuery(range.from, range.to),
    enabled: range.from <= range.to,
  });
  const [exportError, setExportError] = useState<string>();
  const caption = `${range.from} 至 ${range.to} 各单位接收情况`;
  const download = (format: 'csv' | 'xlsx') => {
    setExportError(undefined);
    exportReception(range.from, range.to, format).catch((error: unknown) => {
      setExportError(error instanceof Error ? error.message : String(error));
    });
  };
  return (
    <Section title="接收情况统计">
      <Flex gap={16} wrap align="end" style={{ marginBottom: 16 }}>
        <label>
          开始日期
          <Input
            type="date"
            value={range.from}
            max={range.to}
            onChange={(event) => {
              setRange({ ...range, from: event.target.value });
            }}
          />
        </label>
        <label>
          结束日期
          <Input
            type="date"
            value={range.to}
            min={range.from}
            onChange={(event) => {
              setRange({ ...range, to: event.target.value });
            }}
          />
        </label>
        <Space wrap>
          <Button
            onClick={() => {
              download('csv');
            }}
          >
            导出 CSV
          </Button>
          <Button
            onClick={() => {
              download('xlsx');
            }}
          >
            导出 Excel
          </Button>
        </Space>
      </Flex>
      {exportError && (
        <Alert type="error" showIcon title={exportError} style={{ marginBottom: 16 }} />
      )}
      <QueryState query={reception} empty="">
        {(table) => (
          <Flex vertical gap={24}>
            <ReceptionChart units={table.units} />
            <ReceptionTable units={table.units} caption={caption} />
            {canPublish && <PublishForm from={range.from} to={range.to} />}
          </Flex>
        )}
      </QueryState>
    </Section>
  );
}

function PublishForm({ from, to }: { from: string; to: string }) {
  const [form] = Form.useForm<{ title: string; remarks?: string }>();
  const publish = usePublishBulletin();
  const [message, setMessage] = useState<string>();
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) => {
        setMessage(undefined);
        publish.mutate(
          { title: values.title, from, to, ...(values.remarks ? { remarks: values.remarks } : {}) },
          {
            onSuccess: () => {
              form.resetFields();
            },
            onError: (error) => {
              setMessage(showApiErrors(form, error, ['title', 'remarks']));
            },
          },
        );
      }}
    >
      <Typography.Title level={4} style={{ fontSize: 15 }}>
        发布通报（冻结 {from} 至 {to} 的数字，各单位可见）
      </Typography.Title>
      <Form.Item
        name="title"
        label="通报标题"
        rules={[{ required: true, message: '请填写通报标题' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="remarks" label="说明">
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      {message && <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} />}
      {publish.isSuccess && (
        <Alert
          type="success"
          showIcon
          title={<Link to={`/bulletins/${publish.data.id}`}>已发布：{publish.data.title}</Link>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Button type="primary" htmlType="submit" loading={publish.isPending}>
        发布通报
      </Button>
    </Form>
  );
}

function PublishedList() {
  const list = useBulletinList();
  return (
    <Section title="已发布通报">
      <QueryState
        query={list}
        empty="还没有发布通报"
        isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
      >
        {(data) => (
          <>
            {/* A plain list: antd's List is deprecated in antd 6.6. */}
            <ul aria-label="已发布通报" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {data.pages
                .flatMap((page) => page.items)
                .map((item) => (
                  <li
                    key={item.id}
                    style={{ padding: '12px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
                  >
                    <Link to={`/bulletins/${item.id}`}>{item.title}</Link>
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                      {item.from} 至 {item.to} · 发布于 {fullTime(item.publishedAt)}
                    </Typography.Paragraph>
                  </li>
                ))}
            </ul>
            {list.hasNextPage && (
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                加载更多
              </Button>
            )}
          </>
        )}
      </QueryState>
    </Section>
  );
}
