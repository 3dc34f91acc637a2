/**
 * The query as a PDF (pdf-lib with an embedded DejaVu Sans subset, so any Unicode in a note prints
 * and the text extracts back). The document metadata names the product and the kind of document
 * only: no patient, provider, encounter or query text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { COMPLIANCE_NOTE, QUERY_TITLE, type QueryDocument } from './query-document';

const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
const fontCache = new Map<string, Uint8Array>();

function fontDirs(): string[] {
  const dirs: string[] = [];
  if (process.env.NTK_RESOURCES_DIR) dirs.push(path.join(process.env.NTK_RESOURCES_DIR, 'fonts'));
  try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    dirs.push(path.resolve(here, '../../../node_modules/dejavu-fonts-ttf/ttf'));
  } catch {
    // bundled as CommonJS: import.meta.url is not available
  }
  dirs.push(path.resolve(process.cwd(), 'node_modules/dejavu-fonts-ttf/ttf'));
  return dirs;
}

export function loadFont(kind: keyof typeof FONT_FILES): Uint8Array {
  const cached = fontCache.get(kind);
  if (cached) return cached;
  const file = fontDirs()
    .map((d) => path.join(d, FONT_FILES[kind]))
    .find((f) => fs.existsSync(f));
  if (!file) throw new Error(`PDF font ${FONT_FILES[kind]} not found`);
  const bytes = new Uint8Array(fs.readFileSync(file));
  fontCache.set(kind, bytes);
  return bytes;
}

const PAGE = { width: 612, height: 792, margin: 54 } as const;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.35, 0.35, 0.4);

/** Control characters (tabs, form feeds from scans, CR) print as spaces. */
const printable = (s: string): string => [...s].map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c)).join('');

export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of printable(text.replace(/\r\n?/g, '\n')).split('\n')) {
    let line = '';
    for (const word of para.split(/ +/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width) {
        line = next;
        continue;
      }
      if (line) out.push(line);
      // A single word wider than the line is broken by characters.
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let n = rest.length - 1;
        while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > width) n--;
        out.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
    out.push(line);
  }
  return out;
}

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    private readonly pdf: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  text(s: string, opts: { size?: number; bold?: boolean; indent?: number; color?: ReturnType<typeof rgb>; gap?: number } = {}): void {
    const size = opts.size ?? 11;
    const font = opts.bold ? this.bold : this.regular;
    const x = PAGE.margin + (opts.indent ?? 0);
    const lead = size * 1.35;
    for (const line of wrap(s, font, size, PAGE.width - PAGE.margin - x)) {
      if (this.y - lead < PAGE.margin) this.newPage();
      this.y -= lead;
      this.page.drawText(line, { x, y: this.y, size, font, color: opts.color ?? INK });
    }
    this.y -= opts.gap ?? 0;
  }
}

export async function buildQueryPdf(d: QueryDocument, now: Date): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(loadFont('regular'), { subset: true });
  const bold = await pdf.embedFont(loadFont('bold'), { subset: true });
  pdf.setTitle('Physician query');
  pdf.setSubject('Clinical documentation clarification');
  pdf.setCreator('Need-to-Know');
  pdf.setProducer('Need-to-Know');
  pdf.setAuthor('');
  pdf.setKeywords([]);
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);

  const w = new Writer(pdf, regular, bold);
  w.text(QUERY_TITLE, { size: 16, bold: true, gap: 4 });
  w.text(`Query ${d.queryId} · Encounter ${d.encounterId} · ${d.date}`, { size: 10, color: MUTED });
  w.text(`To: ${d.provider ?? 'Attending provider'}`, { size: 11 });
  w.text(`From: ${d.from}, coding`, { size: 11, gap: 10 });

  w.text('Clinical indicators from the medical record', { size: 12, bold: true, gap: 2 });
  d.facts.forEach((f, i) => {
    w.text(`${i + 1}. “${f.text}”`, { indent: 8 });
    w.text(`Source: ${f.source}`, { indent: 22, size: 9.5, color: MUTED, gap: 4 });
  });
  w.y -= 6;
  w.text('Question', { size: 12, bold: true, gap: 2 });
  w.text(d.question, { indent: 8, gap: 8 });
  w.text('Please select the option that reflects your clinical judgment', { size: 12, bold: true, gap: 2 });
  for (const o of d.options) w.text(`☐  ${o}${/^other\b/i.test(o) ? ': ______________________________' : ''}`, { indent: 8, gap: 2 });
  w.y -= 14;
  w.text('Provider signature: ______________________________    Date: ______________', { gap: 14 });
  w.text(COMPLIANCE_NOTE, { size: 9.5, color: MUTED });
  return pdf.save({ useObjectStreams: true });
}
