import { MAX_PHOTO_EDGE } from './photos.ts';

/** JPEG quality of a published photo: what the citizen site's own shrinking uses (0.8). */
const QUALITY = 80;
/** A 10 MiB photo of more pixels than this is a decompression bomb, not a photo of a street. */
const MAX_INPUT_PIXELS = 60_000_000;

/**
 * The only copy of a photo that is ever served (a citizen's, or an image in an article): decoded and
 * encoded again as a JPEG by sharp (libvips), turned upright as its EXIF
 * orientation says, at most MAX_PHOTO_EDGE on its long side. sharp writes
 * no metadata unless asked to: no EXIF (GPS, camera make), no XMP, no
 * comments or text chunks leave with it, whatever client uploaded it.
 * sharp is loaded on the first photo, so the file check never loads it.
 */
export async function reencodePhoto(bytes: Uint8Array): Promise<Uint8Array> {
  const { default: sharp } = await import('sharp');
  return sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS })
    .rotate()
    .resize({
      width: MAX_PHOTO_EDGE,
      height: MAX_PHOTO_EDGE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .jpeg({ quality: QUALITY })
    .toBuffer();
}
