import { Button, DotLoading, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { call, problem } from '../../lib/api.ts';
import type { BoardItem, BoardPage, PublicService } from '../../lib/api-types.ts';
import { Replies } from '../../components/Replies.tsx';
import { REPORT_STATUS, STATUS_COLOR, shortTime } from '../../lib/labels.ts';

/** 公示: reports a department has published, newest first, with their public replies (Art10.2). */
export default function BoardScreen() {
  const [items, setItems] = useState<BoardItem[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<string>();
  const [names, setNames] = useState<Record<string, string>>({});

  const load = (after?: string) => {
    call<BoardPage>('GET', `/public/board${after ? `?cursor=${encodeURIComponent(after)}` : ''}`)
      .then((page) => {
        setItems((current) => (after ? [...current, ...page.items] : page.items));
        setCursor(page.cursor);
      })
      .catch((error: unknown) => {
        setFailure(problem(error));
      })
      .finally(() => {
        setLoading(false);
      });
  };
  useEffect(() => {
    load();
    call<{ items: PublicService[] }>('GET', '/public/services')
      .then((list) => {
        setNames(Object.fromEntries(list.items.map((service) => [service.code, service.name])));
      })
      .catch(() => undefined);
  }, []);

  return (
    <div>
      <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>公示</h2>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {!loading && items.length === 0 && !failure && <p className="hint">还没有公示的诉求。</p>}
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
      {cursor && !loading && (
        <Button
          block
          onClick={() => {
            setLoading(true);
            load(cursor);
          }}
        >
          加载更多
        </Button>
      )}
    </div>
  );
}
