import { Button } from 'antd-mobile';
import { MAX_PHOTOS } from '../../../../../../shared/domain/photos.ts';
import type { usePickedPhotos } from '../hooks/use-picked-photos.ts';
import { FieldError } from './FieldError.tsx';

/** 照片: up to 9, each previewed with its own remove button and what went wrong with it. */
export function PhotoField({
  picked,
  error,
}: {
  picked: ReturnType<typeof usePickedPhotos>;
  error: string | undefined;
}) {
  const { photos, add, remove, tooMany } = picked;
  return (
    <section className="section" aria-labelledby="photos-heading">
      <h2 id="photos-heading">
        照片（{photos.length}/{MAX_PHOTOS}）
      </h2>
      <div className="photos">
        {photos.map((photo, i) => (
          <div className="photo" key={photo.key}>
            <img src={photo.preview} alt={`第 ${String(i + 1)} 张照片`} />
            <Button
              className="photo-remove"
              size="mini"
              aria-label={`删除第 ${String(i + 1)} 张照片`}
              onClick={() => {
                remove(photo.key);
              }}
            >
              ×
            </Button>
            {photo.error && <p className="error">{photo.error}</p>}
          </div>
        ))}
        {photos.length < MAX_PHOTOS && (
          <label className="photo-add">
            <input
              type="file"
              accept="image/*,.heic,.heif"
              multiple
              onChange={(event) => {
                add([...(event.target.files ?? [])]);
                event.target.value = '';
              }}
            />
            ＋ 添加照片
          </label>
        )}
      </div>
      <p className="hint">照片会先在手机上压缩，并去掉拍摄位置等信息。</p>
      <FieldError message={tooMany ? `最多 ${String(MAX_PHOTOS)} 张照片` : error} />
    </section>
  );
}
