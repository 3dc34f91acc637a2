import { describe, expect, it } from 'vitest';
import { assemble, imageKind } from '../../../../electron/core/ingest/ocr';

describe('assemble (pages -> one scanned document)', () => {
  it('keeps page offsets, repairs only OCR pages, and flags low-confidence pages for review', () => {
    const r = assemble([
      { text: 'Text layer page\r\nDx: 121.4  ', ocrConfidence: null },
      { text: 'OCR page\nDx: 121.4', ocrConfidence: 91 },
      { text: 'smudged', ocrConfidence: 42 },
    ]);
    expect(r.format).toBe('ocr');
    expect(r.text).toBe('Text layer page\nDx: 121.4\n\nOCR page\nDx: I21.4\n\nsmudged');
    expect(r.pages.map((p) => r.text.slice(p.start, p.end))).toEqual(['Text layer page\nDx: 121.4', 'OCR page\nDx: I21.4', 'smudged']);
    expect(r.pages.map((p) => p.lowConfidence)).toEqual([false, false, true]);
    expect(r).toMatchObject({ ocrConfidence: 66.5, needsReview: true, repairs: 1 });
  });

  it('a text-only PDF is pdf-text and needs no review; an empty OCR page does', () => {
    expect(assemble([{ text: 'Typed letter', ocrConfidence: null }])).toMatchObject({ format: 'pdf-text', ocrConfidence: null, needsReview: false });
    expect(assemble([{ text: '  ', ocrConfidence: 95 }])).toMatchObject({ needsReview: true, pages: [{ lowConfidence: true }] });
  });

  it('recognises images by their signature', () => {
    expect(imageKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(imageKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(imageKind(Buffer.from('II*\0'))).toBe('tiff');
    expect(imageKind(Buffer.from('MM\0*'))).toBe('tiff');
    expect(imageKind(Buffer.from('GIF89a'))).toBeNull();
    expect(imageKind(Buffer.from('%PDF-1.7'))).toBeNull();
  });
});
