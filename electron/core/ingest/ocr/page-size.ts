/**
 * The OCR page-size limit. A page image is decoded whole inside an OCR worker, whose WASM memory
 * grows to fit it and never shrinks again; a small file can declare an enormous page (a PNG of a
 * blank 16,000-pixel square is 280 KB and cost 1.2 GB of worker memory for the rest of the
 * session). So the size the image's header declares is checked before any pixel is decoded, and a
 * page above the limit is refused with a clear reason.
 *
 * The limit, 100 megapixels, is a letter page scanned at 1,100 dpi or a legal page at 900 dpi;
 * scanners and fax servers write 200–600 dpi.
 */
import { NtkError } from '../../errors';
import { tiffReader } from './tiff';

export const MAX_OCR_PIXELS = 100_000_000;

export type ImageKind = 'png' | 'jpeg' | 'tiff';

export function imageKind(b: Buffer): ImageKind | null {
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0x00) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2a))) return 'tiff';
  return null;
}

export interface Dimensions {
  width: number;
  height: number;
}

/** The width and height an image header declares (PNG, JPEG, TIFF, PNM); null when it says nothing readable. */
export function imageDimensions(b: Buffer): Dimensions | null {
  try {
    if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
    if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpegDimensions(b);
    if (b.length >= 8 && (b.toString('latin1', 0, 2) === 'II' || b.toString('latin1', 0, 2) === 'MM')) return tiffDimensions(b);
    if (b.length >= 3 && b[0] === 0x50 && b[1]! >= 0x31 && b[1]! <= 0x36) return pnmDimensions(b);
  } catch {
    // a header cut short: the decoder reports it
  }
  return null;
}

/** The frame header (SOF0–SOF15, not DHT/JPG/DAC) holds the size; walk the markers to it. */
function jpegDimensions(b: Buffer): Dimensions | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    if (marker === 0xd9 || marker === 0xda) return null;
    // TEM and RST0–7 stand alone (no length field); reading one as a length would jump past the frame header.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    i += 2 + b.readUInt16BE(i + 2);
  }
  return null;
}

/** ImageWidth (256) and ImageLength (257) of the first page's directory, SHORT or LONG. */
function tiffDimensions(b: Buffer): Dimensions | null {
  const { u16, u32 } = tiffReader(b);
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  const n = u16(ifd);
  let width: number | null = null;
  let height: number | null = null;
  for (let e = ifd + 2; e < ifd + 2 + n * 12; e += 12) {
    const tag = u16(e);
    if (tag !== 256 && tag !== 257) continue;
    const v = u16(e + 2) === 3 ? u16(e + 8) : u32(e + 8);
    // The first occurrence counts, as in libtiff: a repeated tag must not hide the real size.
    if (tag === 256) width ??= v;
    else height ??= v;
  }
  return width !== null && height !== null ? { width, height } : null;
}

/** `P1`–`P6`, then width and height as decimal text, with `#` comments allowed between. */
function pnmDimensions(b: Buffer): Dimensions | null {
  const head = b.toString('latin1', 2, Math.min(b.length, 512)).replace(/#[^\n]*/g, ' ');
  const m = /^\s+(\d+)\s+(\d+)/.exec(head);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : null;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Refuses (BAD_INPUT) an image whose declared page is over the limit; says nothing of its content.
 * A PNG, JPEG or TIFF whose size cannot be read from its header is refused too (fail closed): the
 * decoder might still find a size there. Other bytes are left to the decoder, which rejects them.
 */
export function checkOcrPageSize(b: Buffer, max = MAX_OCR_PIXELS): void {
  const d = imageDimensions(b);
  if (!d) {
    if (imageKind(b) !== null) throw new NtkError('BAD_INPUT', 'The image is damaged: its size cannot be read from its header.');
    return;
  }
  if (d.width * d.height <= max) return;
  throw new NtkError(
    'BAD_INPUT',
    `The page image is ${fmt(d.width)} × ${fmt(d.height)} pixels (${fmt(Math.ceil((d.width * d.height) / 1e6))} megapixels); OCR reads pages up to ${fmt(max / 1e6)} megapixels. Rescan it at 300–600 dpi.`,
  );
}
