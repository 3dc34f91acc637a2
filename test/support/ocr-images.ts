/**
 * Real images and PDFs for the OCR tests, made in memory: text drawn with DejaVu Sans on a white
 * canvas (@napi-rs/canvas, the same native canvas pdfjs renders with), PDFs built with pdf-lib, and
 * a hand-built PDF encrypted with an unknown user password.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const require = createRequire(import.meta.url);
let fontReady = false;
function font(): string {
  if (!fontReady) {
    const dir = path.dirname(require.resolve('dejavu-fonts-ttf/package.json'));
    GlobalFonts.registerFromPath(path.join(dir, 'ttf', 'DejaVuSans.ttf'), 'NtkTestSans');
    fontReady = true;
  }
  return 'NtkTestSans';
}

/** A PNG of the given lines, black on white, ~300 dpi body text size. */
export function textPng(lines: string[], o: { width?: number; size?: number } = {}): Buffer {
  const size = o.size ?? 40;
  const width = o.width ?? 1600;
  const height = Math.ceil(size * 1.8 * lines.length + size * 2);
  const c = createCanvas(width, height);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.font = `${size}px ${font()}`;
  lines.forEach((l, i) => ctx.fillText(l, size, size * 1.5 + i * size * 1.8));
  return c.toBuffer('image/png');
}

/** The same text as an uncompressed 8-bit grayscale baseline TIFF (little-endian), written by hand. */
export function textTiff(lines: string[], o: { width?: number; size?: number } = {}): Buffer {
  const size = o.size ?? 40;
  const width = o.width ?? 1600;
  const height = Math.ceil(size * 1.8 * lines.length + size * 2);
  const c = createCanvas(width, height);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.font = `${size}px ${font()}`;
  lines.forEach((l, i) => ctx.fillText(l, size, size * 1.5 + i * size * 1.8));
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const gray = Buffer.alloc(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = Math.round((rgba[i * 4]! + rgba[i * 4 + 1]! + rgba[i * 4 + 2]!) / 3);
  const entries: Array<[number, number, number, number]> = [
    // tag, type (3 SHORT, 4 LONG), count, value
    [256, 4, 1, width],
    [257, 4, 1, height],
    [258, 3, 1, 8],
    [259, 3, 1, 1], // no compression
    [262, 3, 1, 1], // black is zero
    [273, 4, 1, 0], // strip offset, filled below
    [277, 3, 1, 1],
    [278, 4, 1, height],
    [279, 4, 1, gray.length],
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataOffset = 8 + ifdSize;
  const head = Buffer.alloc(dataOffset);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(8, 4);
  head.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 10 + i * 12;
    head.writeUInt16LE(tag, at);
    head.writeUInt16LE(type, at + 2);
    head.writeUInt32LE(count, at + 4);
    const v = tag === 273 ? dataOffset : value;
    if (type === 3) head.writeUInt16LE(v, at + 8);
    else head.writeUInt32LE(v, at + 8);
  });
  head.writeUInt32LE(0, 10 + entries.length * 12);
  return Buffer.concat([head, gray]);
}

export function blankPng(width = 400, height = 300): Buffer {
  const c = createCanvas(width, height);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  return c.toBuffer('image/png');
}

/** A PDF whose pages are either a text layer (string[]) or one full-page scanned image (Buffer PNG). */
export async function makePdf(pages: Array<string[] | Buffer>): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const helv = await doc.embedFont(StandardFonts.Helvetica);
  for (const p of pages) {
    if (Buffer.isBuffer(p)) {
      const img = await doc.embedPng(p);
      const w = 612;
      const h = (img.height / img.width) * w;
      const page = doc.addPage([w, h]);
      page.drawImage(img, { x: 0, y: 0, width: w, height: h });
    } else {
      const page = doc.addPage([612, 792]);
      p.forEach((line, i) => page.drawText(line, { x: 72, y: 720 - i * 18, size: 12, font: helv }));
    }
  }
  return Buffer.from(await doc.save());
}

/** A one-page PDF with a Standard security handler whose user password is not empty. */
export function encryptedPdf(): Buffer {
  const hex = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0')).join('');
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    '<< /Length 12 >>\nstream\n(0123456789)\nendstream',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(32, 11)}> /U <${hex(32, 101)}> /P -44 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<${hex(16, 3)}> <${hex(16, 3)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
