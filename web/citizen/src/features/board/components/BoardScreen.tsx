import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, DotLoading, Tag } from 'antd-mobile';
import { Replies } from '../../../components/Replies.tsx';
import { problem } from '../../../lib/api.ts';
import { REPORT_STATUS, STATUS_COLOR, shortTime } from '../../../lib/labels.ts';
import { servicesQuery } from '../../../lib/services.ts';
import { boardQuery } from '../api/get-board.ts';

/** 公示: reports a department has published, newest first, with their public replies (Art10.2). */
export default function BoardScreen() {
  const board = useInfiniteQuery(boardQuery);
  const services = useQuery(servicesQuery);
  const names = Object.fromEntries(
    (services.data?.items ?? []).map((service) => [service.code, service.name]),
  );
  const items = board.data?.pages.flatMap((page) => page.items) ?? [];
  const loading = board.isPending || board.isFetchingNextPage;
  return (
    <div>
      <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>公示</h2>
      {board.error && (
        <p className="error" role="alert">
          {problem(board.error)}
        </p>
      )}
      {!loading && items.length === 0 && !board.error && <p className="hint">还没有公示的诉求。</p>}
      {items.map((item) => (
        <article className="section" key={item.id} aria-labelledby={`board-${item.id}`}>
          <h3 id={`board-${item.id}`} style={{ fontSize: 15, margin: '0 0 4px' }}>
            {names[item.serviceCode] ?? item.serviceCode}{' '}
            <Tag color={STATUS_COLOR[item.status]}>{REPORT_STATUS[item.status]}</Tag>
          </h3>
          <p className="card-meta" style={{ margin: 0 }}>
            {shortTime(item.createdAt)} 提交
          </p>
          <p style={{ margin: '6px 0 0', whiteSpace: 'pre-wrap' }}>{item.description}</p>
          {item.photos.length > 0 && (
            <div className="board-photos">
              {item.photos.map((photo, i) => (
                <img
                  key={photo.url}
                  src={photo.url}
                  alt={`现场照片 ${String(i + 1)}`}
                  loading="lazy"
                />
              ))}
            </div>
          )}
          <Replies updates={item.updates} />
        </article>
      ))}
      {loading && (
        <div className="centered">
          <DotLoading color="primary" />
        </div>
      )}
      {board.hasNextPage && !loading && (
        <Button block onClick={() => void board.fetchNextPage()}>
          加载更多
        </Button>
      )}
    </div>
  );
}
