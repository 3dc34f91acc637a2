/**
 * Speed: pdf-lib encodes every drawn string with fontkit's full layout (GSUB/GPOS shaping), which
 * dominates the time of a long packet. Text in simple scripts (Latin, Greek, Cyrillic without
 * combining marks) needs no shaping — pdf-lib ignores glyph positions anyway — so it is mapped
 * code point → glyph directly. Anything else (RTL, combining marks, emoji sequences) still goes
 * through fontkit's layout.
 */
import type { PDFFont } from 'pdf-lib';

interface Glyph {
  id: number;
}
interface FontkitFont {
  layout(text: string, features?: unknown): { glyphs: Glyph[] };
  glyphForCodePoint(cp: number): Glyph;
}

const SIMPLE = /^[\u0020-\u007e\u00a0-\u02ff\u0370-\u03ff\u0400-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u205e\u20ac\u2122\ufffd]*$/u;

export function useFastLayout(font: PDFFont): void {
  const embedder = (font as unknown as { embedder?: { font?: FontkitFont } }).embedder;
  const fk = embedder?.font;
  if (!fk || typeof fk.layout !== 'function') return;
  const full = fk.layout.bind(fk);
  const glyphs = new Map<number, Glyph>();
  fk.layout = (text: string, features?: unknown) => {
    if (!SIMPLE.test(text)) return full(text, features);
    const out: Glyph[] = [];
    for (let i = 0; i < text.length; i++) {
      const cp = text.charCodeAt(i);
      let g = glyphs.get(cp);
      if (!g) glyphs.set(cp, (g = fk.glyphForCodePoint(cp)));
      out.push(g);
    }
    return { glyphs: out };
  };
}
