/**
 * What a citizen's photo may be (Art10): the server's check and the citizen
 * site's picker take the same limits from here. No imports: the browser
 * runs it as is.
 */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const MAX_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** The citizen site shrinks photos to this many pixels on the long side before upload. */
export const MAX_PHOTO_EDGE = 2560;
