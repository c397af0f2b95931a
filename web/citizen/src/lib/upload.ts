import type { Upload } from './api-types.ts';

/**
 * Posts one photo to its presigned form, reporting progress (fetch cannot
 * report upload progress on a weak connection; XMLHttpRequest can).
 * Rejects on any failure, an expired link included (S3 answers 403).
 */
export function uploadPhoto(
  upload: Upload,
  blob: Blob,
  onProgress: (percent: number) => void,
): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', blob);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', upload.url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      if (request.status < 300) {
        onProgress(100);
        resolve();
      } else reject(new Error(`upload refused: ${request.status}`));
    };
    request.onerror = () => {
      reject(new Error('upload failed'));
    };
    request.send(form);
  });
}
