import piexif from 'piexifjs';
import type { Page } from 'playwright-core';

/** Where the fixture photo says it was taken: a citizen's home, which must not leak. */
export const HOME = { latitude: 38.0612, longitude: 114.4873 };

const rational = (degrees: number): [number, number][] => {
  const d = Math.floor(degrees);
  const m = Math.floor((degrees - d) * 60);
  const s = Math.round(((degrees - d) * 60 - m) * 60 * 100);
  return [
    [d, 1],
    [m, 1],
    [s, 100],
  ];
};

/**
 * A phone camera's photo: a JPEG of `width`×`height` drawn by Chromium
 * (shapes and grain, so it compresses like a photo, not like a flat colour),
 * with the EXIF a phone writes, GPS position included.
 */
export async function cameraPhoto(page: Page, width = 4000, height = 3000): Promise<Buffer> {
  // Runs in the page (a browser's canvas and JPEG encoder), hence a string: Node has no DOM types.
  const base64 = await page.evaluate<string>(`(async () => {
    const [w, h] = [${String(width)}, ${String(height)}];
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d');
    const sky = ctx.createLinearGradient(0, 0, 0, h);
    sky.addColorStop(0, '#8fb8de');
    sky.addColorStop(1, '#6b6b5e');
    ctx.fillStyle = sky;
    ctx.fillRect(0, 0, w, h);
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 400; i++) {
      ctx.fillStyle = 'hsl(' + random() * 360 + ' 35% ' + (30 + random() * 40) + '%)';
      ctx.beginPath();
      ctx.ellipse(random() * w, random() * h, random() * 300, random() * 200, random() * 3, 0, 7);
      ctx.fill();
    }
    const grain = ctx.getImageData(0, 0, w, h);
    for (let i = 0; i < grain.data.length; i += 4) {
      const n = (random() - 0.5) * 24;
      grain.data[i] += n;
      grain.data[i + 1] += n;
      grain.data[i + 2] += n;
    }
    ctx.putImageData(grain, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  })()`);
  return withHomeGps(Buffer.from(base64, 'base64'));
}

/**
 * A JPEG with the EXIF a phone writes: the camera's make and the GPS
 * position of the citizen's home (`extra0th` adds tags, e.g. Orientation).
 */
export function withHomeGps(jpeg: Buffer, extra0th: Record<number, number | string> = {}): Buffer {
  const exif = piexif.dump({
    '0th': {
      [piexif.ImageIFD['Make'] ?? 0]: 'Xinhua',
      [piexif.ImageIFD['Model'] ?? 0]: 'Phone',
      ...extra0th,
    },
    GPS: {
      [piexif.GPSIFD['GPSLatitudeRef'] ?? 0]: 'N',
      [piexif.GPSIFD['GPSLatitude'] ?? 0]: rational(HOME.latitude),
      [piexif.GPSIFD['GPSLongitudeRef'] ?? 0]: 'E',
      [piexif.GPSIFD['GPSLongitude'] ?? 0]: rational(HOME.longitude),
    },
  });
  return Buffer.from(piexif.insert(exif, jpeg.toString('binary')), 'binary');
}

/** A JPEG's width and height, from its frame header. */
export function jpegSize(jpeg: Buffer): { width: number; height: number } {
  let at = 2;
  while (at < jpeg.length) {
    const marker = jpeg.readUInt16BE(at);
    const length = jpeg.readUInt16BE(at + 2);
    if (marker >= 0xffc0 && marker <= 0xffcf && ![0xffc4, 0xffc8, 0xffcc].includes(marker))
      return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  throw new Error('no JPEG frame header');
}
