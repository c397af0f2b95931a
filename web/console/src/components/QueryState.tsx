import { Button, Empty, Skeleton, Typography } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/**
 * What a screen shows before its data is there, when it failed, and when
 * there is nothing: never a blank page.
 */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) {
    // Not antd's Result: its illustrations would weigh on every screen's first load.
    return (
      <div role="alert">
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <>
              <Typography.Text strong>没有取到数据</Typography.Text>
              <br />
              <Typography.Text type="secondary">{query.error.message}</Typography.Text>
            </>
          }
        >
          <Button type="primary" onClick={() => void query.refetch()}>
            重试
          </Button>
        </Empty>
      </div>
    );
  }
  if (isEmpty?.(query.data)) return <Empty description={empty} />;
  return <>{children(query.data)}</>;
}

/** A screen still loading, as a screen reader announces it. */
export function Loading() {
  return (
    <div role="status" aria-label="正在加载">
      <Skeleton active paragraph={{ rows: 4 }} />
    </div>
  );
}
