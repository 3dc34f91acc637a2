/**
 * Real images and PDFs for the OCR tests, made in memory: text drawn with DejaVu Sans on a white
 * canvas (@napi-rs/canvas, the same native canvas pdfjs renders with), PDFs built with pdf-lib, and
 * a hand-built PDF encrypted with an unknown user password.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
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

/** The lines drawn black on white at `size` px on a canvas `width` wide (tall enough for them all). */
function drawLines(lines: string[], size: number, width: number) {
  const height = Math.ceil(size * 1.8 * lines.length + size * 2);
  const c = createCanvas(width, height);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.font = `${size}px ${font()}`;
  lines.forEach((l, i) => ctx.fillText(l, size, size * 1.5 + i * size * 1.8));
  return { c, ctx, height };
}

/** A PNG of the given lines, black on white, ~300 dpi body text size. */
export function textPng(lines: string[], o: { width?: number; size?: number } = {}): Buffer {
  const size = o.size ?? 40;
  const width = o.width ?? 1600;
  const { c } = drawLines(lines, size, width);
  return c.toBuffer('image/png');
}

function grayPixels(lines: string[], size: number, width: number): { width: number; height: number; gray: Buffer } {
  const { ctx, height } = drawLines(lines, size, width);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const gray = Buffer.alloc(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = Math.round((rgba[i * 4]! + rgba[i * 4 + 1]! + rgba[i * 4 + 2]!) / 3);
  return { width, height, gray };
}

/** The same text as an uncompressed 8-bit grayscale baseline TIFF (little-endian), written by hand. */
export function textTiff(lines: string[], o: { width?: number; size?: number } = {}): Buffer {
  return multiPageTiff([lines], o);
}

/** A multi-page TIFF: one IFD per page, chained, each page's pixels right after its IFD. */
export function multiPageTiff(pages: string[][], o: { width?: number; size?: number } = {}): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(8, 4);
  parts.push(header);
  let at = 8;
  pages.forEach((lines, n) => {
    const { width, height, gray } = grayPixels(lines, o.size ?? 40, o.width ?? 1600);
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
    const dataOffset = at + ifdSize;
    const ifd = Buffer.alloc(ifdSize);
    ifd.writeUInt16LE(entries.length, 0);
    entries.forEach(([tag, type, count, value], i) => {
      const e = 2 + i * 12;
      ifd.writeUInt16LE(tag, e);
      ifd.writeUInt16LE(type, e + 2);
      ifd.writeUInt32LE(count, e + 4);
      const v = tag === 273 ? dataOffset : value;
      if (type === 3) ifd.writeUInt16LE(v, e + 8);
      else ifd.writeUInt32LE(v, e + 8);
    });
    const next = n === pages.length - 1 ? 0 : dataOffset + gray.length;
    ifd.writeUInt32LE(next, 2 + entries.length * 12);
    parts.push(ifd, gray);
    at = dataOffset + gray.length;
  });
  return Buffer.concat(parts);
}

export function blankPng(width = 400, height = 300): Buffer {
  const c = createCanvas(width, height);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  return c.toBuffer('image/png');
}

/**
 * A valid, blank 8-bit grey PNG of any declared size, written by hand: its rows deflate to almost
 * nothing, so a few hundred KB declare a page of hundreds of megapixels (a decompression bomb).
 */
export function blankPngOfSize(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth; colour type 0 (grey), deflate, no filter, no interlace
  const row = Buffer.alloc(1 + width, 0xff);
  row[0] = 0;
  const deflate = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflate), chunk('IEND', Buffer.alloc(0))]);
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

/** Writes a PDF from object bodies (1-based, object 1 the catalog) with a correct xref table. */
function rawPdf(objs: Array<string | Buffer>, trailerExtra = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let len = parts[0]!.length;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(len);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), Buffer.isBuffer(o) ? o : Buffer.from(o, 'latin1'), Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(b);
    len += b.length;
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${len}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** A one-page scan as a fax-style 1-bit DeviceGray image (0 = black), the way many scanners store pages. */
export function bilevelScanPdf(lines: string[], o: { invisibleText?: string } = {}): Buffer {
  const size = 40;
  const width = 1600;
  const { ctx, height } = drawLines(lines, size, width);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const stride = (width + 7) >> 3;
  const bits = Buffer.alloc(stride * height, 0);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (rgba[(y * width + x) * 4]! >= 128) bits[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
  const pageH = Math.round((height / width) * 612);
  // An optional invisible text layer (render mode 3), as OCR software lays over a scan.
  const layer = o.invisibleText ? ` BT 3 Tr /F1 12 Tf 72 ${pageH - 60} Td (${o.invisibleText.replace(/[()\\]/g, '')}) Tj ET` : '';
  const content = `q 612 0 0 ${pageH} 0 0 cm /Im1 Do Q${layer}`;
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 ${pageH}] /Resources << /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R >> >> /Contents 4 0 R >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    Buffer.concat([
      Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 1 /Length ${bits.length} >>\nstream\n`, 'latin1'),
      bits,
      Buffer.from('\nendstream', 'latin1'),
    ]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}
