import { useState } from 'react';
import { MAX_PHOTOS } from '../../../../../../shared/domain/photos.ts';
import { preparePhoto, type PreparedPhoto } from '../../../lib/photos.ts';

export interface Picked {
  key: string;
  name: string;
  preview: string;
  prepared?: PreparedPhoto;
  error?: string;
}

/**
 * The photos picked for a report, each shrunk and re-encoded in the browser
 * as soon as it is picked (lib/photos.ts); at most MAX_PHOTOS.
 */
export function usePickedPhotos() {
  const [photos, setPhotos] = useState<Picked[]>([]);
  const [tooMany, setTooMany] = useState(false);

  const settle = (key: string, change: Partial<Picked>) => {
    setPhotos((current) =>
      current.map((photo) => (photo.key === key ? { ...photo, ...change } : photo)),
    );
  };

  const add = (files: File[]) => {
    const room = MAX_PHOTOS - photos.length;
    const added = files.slice(0, room).map((file) => ({
      key: `${file.name}-${String(Date.now())}-${String(Math.random())}`,
      name: file.name,
      preview: URL.createObjectURL(file),
      file,
    }));
    setPhotos((current) => [...current, ...added.map(({ file: _file, ...picked }) => picked)]);
    setTooMany(files.length > room);
    for (const { key, file } of added) {
      preparePhoto(file).then(
        (prepared) => {
          settle(key, { prepared });
        },
        (error: unknown) => {
          settle(key, { error: (error as Error).message });
        },
      );
    }
  };

  const remove = (key: string) => {
    setPhotos((current) =>
      current.filter((photo) => {
        if (photo.key === key) URL.revokeObjectURL(photo.preview);
        return photo.key !== key;
      }),
    );
  };

  return {
    photos,
    add,
    remove,
    tooMany,
    preparing: photos.some((photo) => !photo.prepared && !photo.error),
    unusable: photos.some((photo) => photo.error),
    ready: photos.flatMap((photo) => (photo.prepared ? [photo.prepared] : [])),
  };
}
