/**
 * The TrueType fonts embedded (subset) in every PDF we write: DejaVu Sans and DejaVu Sans Bold from
 * the dejavu-fonts-ttf package. A glyph the font lacks is replaced before drawing (see text.ts).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';

export interface FontFace {
  bytes: Uint8Array;
  /** Advance width of a code point in em units (0 when the font lacks it). */
  advance(cp: number): number;
  has(cp: number): boolean;
}

export interface FontSet {
  regular: FontFace;
  bold: FontFace;
}

const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

function fontDir(): string {
  const candidates: string[] = [];
  if (process.env.NTK_FONT_DIR) candidates.push(process.env.NTK_FONT_DIR);
  for (const base of [path.join(process.cwd(), 'package.json'), typeof __filename === 'string' ? __filename : '']) {
    if (!base) continue;
    try {
      candidates.push(path.dirname(createRequire(base).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));
    } catch {
      // not resolvable from here
    }
  }
  const found = candidates.find((d) => fs.existsSync(path.join(d, FILES.regular)));
  if (!found) throw new Error('The DejaVu fonts were not found (dejavu-fonts-ttf).');
  return found;
}

function face(file: string): FontFace {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const font = fontkit.create(bytes as Buffer);
  const upm = font.unitsPerEm;
  const widths = new Map<number, number>();
  return {
    bytes,
    has: (cp) => font.hasGlyphForCodePoint(cp),
    advance(cp) {
      let w = widths.get(cp);
      if (w === undefined) {
        w = font.hasGlyphForCodePoint(cp) ? font.glyphForCodePoint(cp).advanceWidth / upm : 0;
        widths.set(cp, w);
      }
      return w;
    },
  };
}

let cached: FontSet | undefined;

export function loadFonts(): FontSet {
  if (!cached) {
    const dir = fontDir();
    cached = { regular: face(path.join(dir, FILES.regular)), bold: face(path.join(dir, FILES.bold)) };
  }
  return cached;
}
