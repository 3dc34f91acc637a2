import { createCanvas, loadImage } from '@napi-rs/canvas';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOcrPageSize, imageDimensions, MAX_OCR_PIXELS } from '../../../../electron/core/ingest/ocr/page-size';
import { tiffPage, tiffPageOffsets } from '../../../../electron/core/ingest/ocr/tiff';
import { blankPngOfSize, multiPageTiff, textPng, textTiff } from '../../../support/ocr-images';

function canvasImage(width: number, height: number, mime: 'image/png' | 'image/jpeg'): Buffer {
  const c = createCanvas(width, height);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  return mime === 'image/png' ? c.toBuffer('image/png') : c.toBuffer('image/jpeg');
}

describe('the page size an image header declares', () => {
  it('agrees with a real decoder for PNG and JPEG of any size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 700 }), fc.integer({ min: 1, max: 700 }), fc.constantFrom('image/png' as const, 'image/jpeg' as const), async (w, h, mime) => {
        const bytes = canvasImage(w, h, mime);
        const decoded = await loadImage(bytes);
        expect(imageDimensions(bytes)).toEqual({ width: decoded.width, height: decoded.height });
      }),
      { numRuns: 40 },
    );
  });

  it('reads each page of a multi-page TIFF as the page the OCR engine will see', async () => {
    const pages = [['ONE'], ['TWO', 'LINES'], ['THREE', 'LINES', 'HERE']];
    const tiff = multiPageTiff(pages, { width: 320, size: 12 });
    const seen = tiffPageOffsets(tiff).map((off) => imageDimensions(tiffPage(tiff, off)));
    const expected = await Promise.all(pages.map(async (lines) => loadImage(textPng(lines, { width: 320, size: 12 }))));
    expect(seen).toEqual(expected.map((d) => ({ width: d.width, height: d.height })));
  });

  it('reads PNM headers, comments included, and says nothing for bytes it cannot place', () => {
    expect(imageDimensions(Buffer.from('P4\n# scanner 7\n1700 2200\n'))).toEqual({ width: 1700, height: 2200 });
    expect(imageDimensions(Buffer.from('P6 640 480 255\n'))).toEqual({ width: 640, height: 480 });
    expect(imageDimensions(Buffer.from('not an image at all'))).toBeNull();
    expect(imageDimensions(textPng(['cut']).subarray(0, 20))).toBeNull();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom([], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0xff, 0xd8, 0xff], [0x49, 0x49, 0x2a, 0], [0x4d, 0x4d, 0, 0x2a], [0x50, 0x35]), (rest, magic) => {
        const d = imageDimensions(Buffer.from([...magic, ...rest]));
        if (d !== null) expect(Number.isInteger(d.width) && Number.isInteger(d.height)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the OCR page limit', () => {
  it('refuses a page declared over the limit, before decoding, saying how big and what to do', () => {
    const bomb = blankPngOfSize(500, 300);
    expect(bomb.length).toBeLessThan(2000);
    expect(() => checkOcrPageSize(bomb, 100_000)).toThrow(expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringMatching(/500 × 300 pixels .*up to 0\.1 megapixels.*Rescan it at 300–600 dpi/) }));
    expect(() => checkOcrPageSize(bomb, 150_000)).not.toThrow();
    expect(() => checkOcrPageSize(Buffer.from('no header'), 1)).not.toThrow(); // left to the decoder
  });

  it('lets through a letter page scanned at 600 dpi', () => {
    expect(5100 * 6600).toBeLessThan(MAX_OCR_PIXELS);
    expect(() => checkOcrPageSize(Buffer.from('P5\n5100 6600\n255\n'))).not.toThrow();
    expect(() => checkOcrPageSize(Buffer.from('P5\n12000 9000\n255\n'))).toThrow(expect.objectContaining({ message: expect.stringMatching(/12,000 × 9,000 pixels \(108 megapixels\)/) }));
  });

  it('cannot be slipped past: stand-alone JPEG markers, repeated TIFF size tags, a header it cannot read', () => {
    // A JPEG with a TEM marker (no length field) before its frame header still shows its real size.
    const jpeg = canvasImage(640, 480, 'image/jpeg');
    const withTem = Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0x01]), jpeg.subarray(2)]);
    expect(imageDimensions(withTem)).toEqual({ width: 640, height: 480 });
    expect(() => checkOcrPageSize(withTem, 640 * 480 - 1)).toThrow(expect.objectContaining({ message: expect.stringMatching(/640 × 480 pixels/) }));

    // A TIFF that repeats ImageWidth/ImageLength with a small pair after the real ones: the first pair counts, as in libtiff.
    const tiff = textTiff(['HELLO'], { width: 600, size: 20 });
    const ifd = tiff.readUInt32LE(4);
    const n = tiff.readUInt16LE(ifd);
    const entries: Buffer[] = [];
    for (let i = 0; i < n; i++) {
      const e = Buffer.from(tiff.subarray(ifd + 2 + i * 12, ifd + 14 + i * 12));
      entries.push(e);
      const tag = e.readUInt16LE(0);
      if (tag === 256 || tag === 257) {
        const fake = Buffer.alloc(12);
        fake.writeUInt16LE(tag, 0);
        fake.writeUInt16LE(4, 2);
        fake.writeUInt32LE(1, 4);
        fake.writeUInt32LE(10, 8);
        entries.push(fake);
      }
    }
    const at = tiff.length + (tiff.length % 2);
    const count = Buffer.alloc(2);
    count.writeUInt16LE(entries.length);
    const repeated = Buffer.concat([tiff, Buffer.alloc(at - tiff.length), count, ...entries, Buffer.alloc(4)]);
    repeated.writeUInt32LE(at, 4);
    expect(imageDimensions(repeated)).toEqual(imageDimensions(tiff));
    expect(imageDimensions(tiff)!.width).toBe(600);

    // A PNG, JPEG or TIFF whose size cannot be read is refused rather than handed to the decoder.
    const noIhdr = Buffer.from(textPng(['x']));
    noIhdr.write('JUNK', 12, 'latin1');
    expect(() => checkOcrPageSize(noIhdr)).toThrow(expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringMatching(/size cannot be read/) }));
    expect(() => checkOcrPageSize(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
