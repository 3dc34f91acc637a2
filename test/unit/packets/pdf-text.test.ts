import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../../electron/core/packets/pdf/document';
import { loadFonts } from '../../../electron/core/packets/pdf/fonts';
import { cleanText, layoutText, visualOrder, widthOf } from '../../../electron/core/packets/pdf/text';
import { parsePdf, squash } from '../../support/pdf-text';

const fonts = loadFonts();
const font = fonts.regular;

describe('PDF text preparation', () => {
  it('drops format characters, replaces controls and missing glyphs, keeps what the font has', () => {
    expect(cleanText('a\u0000b\u202Ec\u200Bd', font)).toEqual(['a\ufffdbcd']);
    expect(cleanText('中 é 😀', font)).toEqual(['\ufffd é 😀']);
    expect(cleanText('one\r\ntwo\u2028three\tfour', font)).toEqual(['one', 'two', 'three    four']);
  });

  it('puts right-to-left runs in visual order, grapheme by grapheme', () => {
    expect(visualOrder('Hebrew שלום עולם end')).toBe('Hebrew םלוע םולש end');
    expect(visualOrder('plain')).toBe('plain');
  });

  it('every laid-out line fits the width and no character is lost (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 40, max: 500 }), (s, width) => {
        const lines = layoutText(s, font, 10, width);
        for (const l of lines) {
          // A line is over the width only when it is a single glyph wider than the line.
          if (widthOf(l, font, 10) > width + 0.001) expect([...l].length).toBe(1);
        }
        expect(squash(lines.join(''))).toBe(squash(cleanText(s, font).join('')));
      }),
      { numRuns: 200 },
    );
  });

  it('renders any string into a PDF that parses back with the same characters (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), async (s) => {
        const pdf = await renderDocument([{ kind: 'para', text: `start ${s} end` }], { title: 't', subject: 's', keywords: [], footer: 'f', createdAt: new Date(0) });
        const parsed = await parsePdf(pdf.bytes);
        expect(parsed.pages.length).toBe(pdf.pages);
        const text = parsed.pages.flat().join('\n');
        expect(text).toContain('start');
        expect(text).toContain('end');
      }),
      { numRuns: 25 },
    );
  });
});
