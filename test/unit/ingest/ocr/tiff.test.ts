import { describe, expect, it } from 'vitest';
import { tiffPage, tiffPageOffsets } from '../../../../electron/core/ingest/ocr/tiff';
import { multiPageTiff } from '../../../support/ocr-images';

describe('multi-page TIFF', () => {
  it('finds every page directory and presents each page as its own TIFF', () => {
    const t = multiPageTiff([['ONE'], ['TWO'], ['THREE']], { width: 64, size: 10 });
    const offs = tiffPageOffsets(t);
    expect(offs).toHaveLength(3);
    expect(offs[0]).toBe(8);
    const second = tiffPage(t, offs[1]!);
    expect(second.length).toBe(t.length);
    expect(tiffPageOffsets(second)).toEqual(offs.slice(1));
    expect(t.readUInt32LE(4)).toBe(8); // the original is untouched
  });

  it('refuses a broken page directory chain with BAD_INPUT', () => {
    const t = multiPageTiff([['ONE'], ['TWO']], { width: 64, size: 10 });
    const offs = tiffPageOffsets(t);
    const loop = Buffer.from(t);
    const count = loop.readUInt16LE(offs[1]!);
    loop.writeUInt32LE(offs[0]!, offs[1]! + 2 + count * 12); // page 2 points back to page 1
    expect(() => tiffPageOffsets(loop)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    const past = Buffer.from(t);
    past.writeUInt32LE(t.length + 100, 4);
    expect(() => tiffPageOffsets(past)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => tiffPageOffsets(t.subarray(0, offs[1]! + 4))).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
