/**
 * Text made safe to draw: every string passes through `cleanText` before layout. PDF syntax in
 * the text cannot matter (custom fonts are drawn as glyph ids in hex strings), so what is left is
 * what a font and a page can show: control and invisible format characters (bidi overrides,
 * zero-width marks) go, tabs become spaces, a code point the font lacks becomes U+FFFD (or "?"),
 * and lines wrap at word boundaries — or inside a word longer than the line.
 */
import type { FontFace } from './fonts';

const REPLACEMENT = 0xfffd;

/** One paragraph per input line, each cleaned for `font`. */
export function cleanText(text: string, font: FontFace): string[] {
  // Line breaks: CRLF, CR, vertical tab, form feed, NEL, line and paragraph separators.
  const normalized = text.normalize('NFC').replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n').replaceAll('\u000b', '\n').replaceAll('\u000c', '\n');
  const replacement = font.has(REPLACEMENT) ? '\ufffd' : '?';
  return normalized.split('\n').map((line) => {
    let out = '';
    for (const ch of line) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x09) out += '    ';
      else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += replacement;
      else if (/\p{Cf}/u.test(ch)) continue; // format characters draw nothing (and bidi overrides could mislead)
      else if (/\p{Cs}|\p{Co}|\p{Cn}/u.test(ch)) out += replacement; // lone surrogates, private use, unassigned
      else if (!font.has(cp)) out += replacement;
      else out += ch;
    }
    return out.replace(/\s+$/u, '');
  });
}

export function widthOf(text: string, font: FontFace, size: number): number {
  let w = 0;
  for (const ch of text) w += font.advance(ch.codePointAt(0)!);
  return w * size;
}

/** Wraps one cleaned paragraph to `maxWidth`; an empty paragraph stays one empty line. */
export function wrapLine(text: string, font: FontFace, size: number, maxWidth: number): string[] {
  if (widthOf(text, font, size) <= maxWidth) return [text];
  const lines: string[] = [];
  let current = '';
  let currentWidth = 0;
  const space = font.advance(0x20) * size;
  for (const word of text.split(/ +/)) {
    const w = widthOf(word, font, size);
    if (current && currentWidth + space + w <= maxWidth) {
      current += ' ' + word;
      currentWidth += space + w;
      continue;
    }
    if (current) lines.push(current);
    if (w <= maxWidth) {
      current = word;
      currentWidth = w;
      continue;
    }
    // A word longer than the line: break it by characters.
    let piece = '';
    let pieceWidth = 0;
    for (const ch of word) {
      const cw = font.advance(ch.codePointAt(0)!) * size;
      if (piece && pieceWidth + cw > maxWidth) {
        lines.push(piece);
        piece = '';
        pieceWidth = 0;
      }
      piece += ch;
      pieceWidth += cw;
    }
    current = piece;
    currentWidth = pieceWidth;
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

/** Cleans and wraps a multi-line string. */
export function layoutText(text: string, font: FontFace, size: number, maxWidth: number): string[] {
  return cleanText(text, font).flatMap((p) => wrapLine(p, font, size, maxWidth));
}

const RTL_RUN = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}](?:[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{M} ]*[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{M}])?/gu;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * A simplified bidi step for one laid-out line: each run of right-to-left script (with the spaces
 * inside it) is put in visual order, grapheme by grapheme, so it reads correctly once drawn left to
 * right and text extraction (which reverses RTL runs) gives back the logical order.
 */
export function visualOrder(line: string): string {
  if (!/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u.test(line)) return line;
  return line.replace(RTL_RUN, (run) => [...graphemes.segment(run)].map((g) => g.segment).reverse().join(''));
}
