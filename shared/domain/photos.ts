/**
 * What a citizen's photo may be (Art10): the server's check and the citizen
 * site's picker take the same limits from here. No imports: the browser
 * runs it as is.
 */
/** What the server can decode and re-encode (sharp's libvips); HEIC (HEVC) it cannot. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
/** Why a HEIC photo is refused, and what the citizen can do about it. */
export const HEIC_REFUSAL =
  '暂不支持 HEIC（苹果“高效”格式）照片：请在手机“设置—相机—格式”中选择“兼容性最佳”后重拍，或截屏后上传截图';
/** Why any other file is refused as a photo. */
export const PHOTO_TYPE_REFUSAL = '照片须为 JPEG、PNG 或 WebP 格式';
export const MAX_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** The citizen site shrinks photos to this many pixels on the long side before upload. */
export const MAX_PHOTO_EDGE = 2560;
