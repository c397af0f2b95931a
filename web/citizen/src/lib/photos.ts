import {
  HEIC_REFUSAL,
  MAX_PHOTO_BYTES,
  MAX_PHOTO_EDGE,
  PHOTO_TYPE_REFUSAL,
  PHOTO_TYPES,
  type PhotoType,
} from '../../../../shared/domain/photos.ts';

/** What is uploaded for one picked photo. */
export interface PreparedPhoto {
  blob: Blob;
  contentType: PhotoType;
  /** The size picked, to show what shrinking saved. */
  originalSize: number;
}

const isPhotoType = (type: string): type is PhotoType =>
  (PHOTO_TYPES as readonly string[]).includes(type);

/**
 * A photo as it is uploaded: at most 2560 px on the long side, re-encoded as
 * JPEG in the browser. Re-encoding keeps the pixels only, so EXIF (the GPS
 * position of a photo taken at home) never leaves the phone (the server
 * re-encodes whatever it gets, too). A photo the browser cannot decode goes
 * as it is if the server can decode it; a HEIC the browser cannot decode
 * (outside Safari) is refused here with what to do instead.
 */
export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, MAX_PHOTO_EDGE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => {
      canvas.toBlob(resolve, 'image/jpeg', 0.8);
    });
    if (blob) return { blob, contentType: 'image/jpeg', originalSize: file.size };
  } catch {
    // Not decodable here: sent as it is, below.
  }
  if (/\.hei[cf]$/i.test(file.name) || /^image\/hei[cf]/.test(file.type))
    throw new Error(HEIC_REFUSAL);
  const type = file.type;
  if (!isPhotoType(type)) throw new Error(PHOTO_TYPE_REFUSAL);
  if (file.size > MAX_PHOTO_BYTES) throw new Error('这张照片超过 10 MB，请换一张');
  return { blob: file, contentType: type, originalSize: file.size };
}
