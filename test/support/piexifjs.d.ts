/** The part of piexifjs (no types of its own) the photo fixtures use. */
declare module 'piexifjs' {
  type IfdValue = string | number | number[] | [number, number][];
  const piexif: {
    dump(exif: Record<string, Record<number, IfdValue>>): string;
    insert(exif: string, jpeg: string): string;
    ImageIFD: Record<string, number>;
    GPSIFD: Record<string, number>;
  };
  export default piexif;
}
