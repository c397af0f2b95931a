import { Button, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { call } from '../../../lib/api.ts';
import type { ReportCreated, Upload } from '../../../lib/api-types.ts';
import type { PreparedPhoto } from '../../../lib/photos.ts';
import { uploadPhoto } from '../../../lib/upload.ts';

type Progress = { state: 'waiting' | 'uploading' | 'done' | 'failed'; percent: number };

/**
 * After 提交: the tracking code, shown once (and kept on this phone), and
 * each photo's upload with its progress. A photo that failed, or whose link
 * expired on a slow connection, is retried with a fresh link.
 */
export function Submitted({
  created,
  photos,
}: {
  created: ReportCreated;
  photos: PreparedPhoto[];
}) {
  const [progress, setProgress] = useState<Progress[]>(() =>
    photos.map(() => ({ state: 'waiting', percent: 0 })),
  );
  const set = (n: number, next: Progress) => {
    setProgress((current) => current.map((old, i) => (i === n ? next : old)));
  };

  const send = async (n: number, upload: Upload | undefined) => {
    const photo = photos[n];
    if (!photo) return;
    set(n, { state: 'uploading', percent: 0 });
    try {
      const link =
        upload ??
        (await call<Upload>('POST', `/public/reports/${created.id}/photos/${String(n)}/upload`, {
          headers: { 'x-tracking-token': created.trackingToken },
        }));
      await uploadPhoto(link, photo.blob, (percent) => {
        set(n, { state: 'uploading', percent });
      });
      set(n, { state: 'done', percent: 100 });
    } catch {
      set(n, { state: 'failed', percent: 0 });
    }
  };

  useEffect(() => {
    // One after another: a weak connection gives each photo its whole width.
    void (async () => {
      for (let n = 0; n < photos.length; n++) await send(n, created.uploads[n]);
    })();
    // Runs once, for the report just made.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const copy = () => {
    navigator.clipboard
      .writeText(created.trackingToken)
      .then(() => Toast.show({ content: '已复制查询码' }))
      .catch(() => Toast.show({ content: '请长按查询码复制' }));
  };

  return (
    <div>
      <section className="section" aria-labelledby="sent-heading">
        <h2 id="sent-heading">已提交，承办部门会尽快处理</h2>
        <p style={{ margin: '0 0 4px', fontWeight: 600 }}>查询码</p>
        <p className="code" data-testid="tracking-code">
          {created.trackingToken}
        </p>
        <Button color="primary" fill="outline" size="small" onClick={copy}>
          复制查询码
        </Button>
        <p className="hint">
          查询码只显示这一次，已保存在本机的“我的诉求”里；换手机查询时需要它和编号 {created.id}。
        </p>
        <a href={`#/track/${created.id}`}>查看办理进度</a>
      </section>
      {photos.length > 0 && (
        <section className="section" aria-labelledby="upload-heading">
          <h2 id="upload-heading">照片上传</h2>
          {progress.map((photo, n) => (
            <div className="upload-row" key={n}>
              <span>第 {n + 1} 张</span>
              <progress
                value={photo.percent}
                max={100}
                aria-label={`第 ${String(n + 1)} 张照片上传进度`}
              />
              {photo.state === 'failed' ? (
                <Button
                  size="mini"
                  color="warning"
                  aria-label={`重试第 ${String(n + 1)} 张照片`}
                  onClick={() => void send(n, undefined)}
                >
                  重试
                </Button>
              ) : (
                <span>{photo.state === 'done' ? '已上传' : `${String(photo.percent)}%`}</span>
              )}
            </div>
          ))}
        </section>
      )}
    </div>
  );
}
