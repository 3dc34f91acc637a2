/**
 * Multi-page TIFF (scanners and fax servers write one file per document): the OCR engine reads
 * only the first image of a TIFF, so each page is presented as its own TIFF. TIFF offsets are
 * absolute, so page n is the same bytes with the header's first-IFD offset pointing at IFD n —
 * no pixel is decoded or copied out here.
 */
import { NtkError } from '../../errors';

const MAX_PAGES = 2000;
const bad = () => new NtkError('BAD_INPUT', 'The TIFF image is damaged (its page directory is broken).');

/** 16- and 32-bit readers in the file's byte order ('II' little-endian, 'MM' big-endian). */
export function tiffReader(b: Buffer): { u16(o: number): number; u32(o: number): number } {
  const le = b[0] === 0x49;
  return { u16: (o) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o)), u32: (o) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o)) };
}

/** Offsets of every image directory (page) in the file, in order. */
export function tiffPageOffsets(b: Buffer): number[] {
  if (b.length < 8) throw bad();
  const { u16, u32 } = tiffReader(b);
  if (u16(2) !== 42) return [u32(4)]; // BigTIFF and others: leave to the decoder
  const offsets: number[] = [];
  const seen = new Set<number>();
  for (let off = u32(4); off !== 0; ) {
    if (off < 8 || off + 2 > b.length || seen.has(off) || offsets.length >= MAX_PAGES) throw bad();
    seen.add(off);
    offsets.push(off);
    const end = off + 2 + u16(off) * 12;
    if (end + 4 > b.length) throw bad();
    off = u32(end);
  }
  if (offsets.length === 0) throw bad();
  return offsets;
}

/** The TIFF whose first page is the page at `ifdOffset`. */
export function tiffPage(b: Buffer, ifdOffset: number): Buffer {
  const out = Buffer.from(b);
  if (b[0] === 0x49) out.writeUInt32LE(ifdOffset, 4);
  else out.writeUInt32BE(ifdOffset, 4);
  return out;
}
