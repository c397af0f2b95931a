import { App, Button, Card, Flex, Input, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryState } from '../../../components/QueryState.tsx';
import type { InboxItem } from '../../../lib/api-types.ts';
import { KIND, RECEIPT_STATUS, URGENCY } from '../../../lib/labels.ts';
import { useNow } from '../../../lib/now.ts';
import { shortTime, timeLeft } from '../../../lib/time.ts';
import { useInbox, type InboxFilter } from '../api/get-inbox.ts';
import { useAcknowledge } from '../api/receipt-actions.ts';
import { StatusTag, SupervisionTag } from '../../../components/StatusTag.tsx';

/**
 * 收文签收: what the unit still owes first, the time left to each
 * deadline (late in red), and 签收 in one click.
 */
export default function InboxPage() {
  const [filter, setFilter] = useState<InboxFilter>('pending');
  const [text, setText] = useState('');
  const inbox = useInbox(filter, text);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          收文签收
        </Typography.Title>
        <Segmented<InboxFilter>
          aria-label="显示哪些收文"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'pending', label: '待办' },
            { value: 'all', label: '全部' },
          ]}
        />
      </Flex>
      <Input.Search
        aria-label="按标题或文号查询"
        placeholder="按标题或文号查询收文"
        allowClear
        maxLength={50}
        style={{ maxWidth: 420 }}
        onSearch={(value) => {
          setText(value.trim());
        }}
      />
      <QueryState
        query={inbox}
        empty={
          text
            ? `没有标题或文号含“${text}”的收文`
            : filter === 'pending'
              ? '没有待签收或待反馈的收文'
              : '还没有收文'
        }
        isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
      >
        {(data) => (
          <>
            <Flex
              vertical
              gap={12}
              component="ul"
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
            >
              {data.pages
                .flatMap((page) => page.items)
                .map((item) => (
                  <li key={item.dispatchId}>
                    <InboxCard item={item} />
                  </li>
                ))}
            </Flex>
            {inbox.hasNextPage && (
              <Button onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
                加载更多
              </Button>
            )}
          </>
        )}
      </QueryState>
    </Flex>
  );
}

function InboxCard({ item }: { item: InboxItem }) {
  const now = useNow();
  const acknowledge = useAcknowledge();
  const { message } = App.useApp();
  const recalled = item.recalledAt !== undefined;
  const owesAck = !recalled && (item.status === 'pending' || item.status === 'problem');
  const owesAnswer =
    !recalled && item.role === 'main' && item.kind === 'feedback' && item.status === 'acknowledged';
  const ackLeft = timeLeft(item.ackDueAt, now);
  const answerLeft = item.respondBy ? timeLeft(item.respondBy, now) : undefined;
  return (
    <article aria-labelledby={`title-${item.dispatchId}`} style={{ width: '100%' }}>
      <Card
        style={{ borderColor: item.late && (owesAck || owesAnswer) ? '#ff7875' : undefined }}
        size="small"
      >
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <Space orientation="vertical" size={4} style={{ minWidth: 0, flex: 1 }}>
            <Typography.Title
              level={3}
              style={{ fontSize: 17, margin: 0 }}
              id={`title-${item.dispatchId}`}
            >
              <Link to={`/inbox/${item.dispatchId}`}>{item.title}</Link>
            </Typography.Title>
            <Space wrap size={[4, 4]}>
              <StatusTag tone="info">{KIND[item.kind]}</StatusTag>
              {item.urgency !== 'normal' && (
                <StatusTag tone="late">{URGENCY[item.urgency]}</StatusTag>
              )}
              {item.role === 'copy' && <StatusTag tone="neutral">抄送</StatusTag>}
              {recalled ? (
                <StatusTag tone="neutral">已撤回</StatusTag>
              ) : (
                <StatusTag tone={owesAck ? 'waiting' : 'ok'}>
                  {RECEIPT_STATUS[item.status]}
                </StatusTag>
              )}
              {item.late && <StatusTag tone="late">逾期</StatusTag>}
              <SupervisionTag colour={item.supervision} />
            </Space>
            <Typography.Text type="secondary">
              {item.docNumber ? `${item.docNumber} · ` : ''}发文 {shortTime(item.sentAt)}
            </Typography.Text>
            {owesAck && item.role === 'main' && (
              <Typography.Text type={ackLeft.overdue ? 'danger' : undefined}>
                签收时限 {shortTime(item.ackDueAt)}，{ackLeft.text}
              </Typography.Text>
            )}
            {owesAnswer && answerLeft && item.respondBy && (
              <Typography.Text type={answerLeft.overdue ? 'danger' : undefined}>
                反馈时限 {shortTime(item.respondBy)}，{answerLeft.text}
              </Typography.Text>
            )}
          </Space>
          <Space>
            {owesAck && (
              <Button
                type="primary"
                size="large"
                loading={acknowledge.isPending && acknowledge.variables === item.dispatchId}
                onClick={() => {
                  acknowledge.mutate(item.dispatchId, {
                    onSuccess: () => void message.success(`已签收：${item.title}`),
                  });
                }}
              >
                签收
              </Button>
            )}
            {owesAnswer && (
              <Button type="primary" href={`#/inbox/${item.dispatchId}`}>
                填写反馈
              </Button>
            )}
          </Space>
        </Flex>
        {acknowledge.isError && acknowledge.variables === item.dispatchId && (
          <Typography.Text type="danger" role="alert">
            签收没有成功：{acknowledge.error.message}
          </Typography.Text>
        )}
      </Card>
    </article>
  );
}
