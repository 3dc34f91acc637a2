/**
 * A small block layout engine over pdf-lib: titles, headings, paragraphs, label/value fields and
 * tables flow onto US Letter pages, with a footer and "Page i of N" on every page. Only the text
 * that is laid out is ever drawn — no hidden layers, no white text, nothing under boxes — and the
 * renderer returns every string it drew, in order, so tests can compare a parsed PDF against it.
 *
 * Document metadata is set explicitly (pdf-lib's default Producer/Creator are replaced) and
 * carries only what the caller passes — callers pass no PHI and no user names.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFName, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { useFastLayout } from './fast-layout';
import { loadFonts, type FontFace, type FontSet } from './fonts';
import { cleanText, layoutText, visualOrder, widthOf, wrapLine } from './text';

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string; bold?: boolean; small?: boolean }
  | { kind: 'fields'; rows: Array<[string, string]> }
  | { kind: 'table'; columns: Array<{ title: string; width: number }>; rows: string[][] }
  | { kind: 'space'; height: number }
  | { kind: 'pageBreak' };

export interface DocMeta {
  title: string;
  subject: string;
  keywords: string[];
  /** Printed at the foot of every page, before "Page i of N". */
  footer: string;
  createdAt: Date;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  pages: number;
  /** Every string drawn, in drawing order (body lines, then the page's footer). */
  drawn: string[];
}

export const APP_PRODUCER = 'Need-to-Know';

const PAGE = { width: 612, height: 792, margin: 54, footerY: 30 };
const BODY = { size: 10, lead: 13.5 };
const SIZES = { title: 16, heading: 12.5, small: 8.5, footer: 8 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

interface Op {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
}
interface Rule {
  x1: number;
  x2: number;
  y: number;
}
interface PageOps {
  ops: Op[];
  rules: Rule[];
}

class Flow {
  readonly pages: PageOps[] = [{ ops: [], rules: [] }];
  private y = PAGE.height - PAGE.margin;
  constructor(readonly fonts: FontSet) {}

  private get page(): PageOps {
    return this.pages[this.pages.length - 1]!;
  }
  newPage(): void {
    if (this.page.ops.length === 0 && this.page.rules.length === 0) return;
    this.pages.push({ ops: [], rules: [] });
    this.y = PAGE.height - PAGE.margin;
  }
  private ensure(height: number): void {
    if (this.y - height < PAGE.margin + 10) this.newPage();
  }
  space(h: number): void {
    this.y -= h;
  }
  line(text: string, opts: { x?: number; size?: number; bold?: boolean; lead?: number } = {}): void {
    const size = opts.size ?? BODY.size;
    const lead = opts.lead ?? size * 1.35;
    this.ensure(lead);
    this.y -= lead;
    if (text !== '') this.page.ops.push({ text, x: PAGE.margin + (opts.x ?? 0), y: this.y + lead - size, size, bold: !!opts.bold });
  }
  /** One table row: cells wrapped to their columns, kept together on a page. */
  row(cells: string[][], xs: number[], bold: boolean | boolean[], rule: boolean): void {
    const height = Math.max(1, ...cells.map((c) => c.length));
    const total = height * BODY.lead + 3;
    const tall = total > PAGE.height - 2 * PAGE.margin - 10;
    if (!tall) this.ensure(total);
    for (let i = 0; i < height; i++) {
      if (tall) this.ensure(BODY.lead);
      this.y -= BODY.lead;
      cells.forEach((c, j) => {
        const t = c[i];
        const b = Array.isArray(bold) ? !!bold[j] : bold;
        if (t) this.page.ops.push({ text: t, x: PAGE.margin + xs[j]!, y: this.y + BODY.lead - BODY.size, size: BODY.size, bold: b });
      });
    }
    this.y -= 3;
    if (rule) this.page.rules.push({ x1: PAGE.margin, x2: PAGE.width - PAGE.margin, y: this.y + 1.5 });
  }
  remaining(): number {
    return this.y - PAGE.margin;
  }
}

function fontFor(fonts: FontSet, bold: boolean): FontFace {
  return bold ? fonts.bold : fonts.regular;
}

function layout(blocks: Block[], fonts: FontSet): PageOps[] {
  const flow = new Flow(fonts);
  for (const b of blocks) {
    switch (b.kind) {
      case 'pageBreak':
        flow.newPage();
        break;
      case 'space':
        flow.space(b.height);
        break;
      case 'title':
        for (const l of layoutText(b.text, fonts.bold, SIZES.title, CONTENT_WIDTH)) flow.line(l, { size: SIZES.title, bold: true });
        flow.space(6);
        break;
      case 'heading':
        if (flow.remaining() < 60) flow.newPage();
        flow.space(6);
        for (const l of layoutText(b.text, fonts.bold, SIZES.heading, CONTENT_WIDTH)) flow.line(l, { size: SIZES.heading, bold: true });
        flow.space(3);
        break;
      case 'para': {
        const size = b.small ? SIZES.small : BODY.size;
        for (const l of layoutText(b.text, fontFor(fonts, !!b.bold), size, CONTENT_WIDTH)) flow.line(l, { size, bold: b.bold });
        break;
      }
      case 'fields': {
        const labelWidth = 150;
        for (const [label, value] of b.rows) {
          const labelLines = layoutText(label, fonts.bold, BODY.size, labelWidth - 8);
          const valueLines = layoutText(value, fonts.regular, BODY.size, CONTENT_WIDTH - labelWidth);
          flow.row([labelLines, valueLines], [0, labelWidth], [true, false], false);
        }
        break;
      }
      case 'table': {
        const totalUnits = b.columns.reduce((s, c) => s + c.width, 0);
        const widths = b.columns.map((c) => (c.width / totalUnits) * CONTENT_WIDTH);
        const xs = widths.map((_, i) => widths.slice(0, i).reduce((s, w) => s + w, 0));
        const cellLines = (texts: string[], bold: boolean) =>
          texts.map((t, j) => layoutText(t, fontFor(fonts, bold), BODY.size, widths[j]! - 6));
        const header = cellLines(
          b.columns.map((c) => c.title),
          true,
        );
        flow.row(header, xs, true, true);
        for (const r of b.rows) {
          if (flow.remaining() < BODY.lead * 2) {
            flow.newPage();
            flow.row(header, xs, true, true);
          }
          flow.row(cellLines(r, false), xs, false, false);
        }
        flow.space(4);
        break;
      }
    }
  }
  return flow.pages;
}

function xmp(meta: DocMeta): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const when = meta.createdAt.toISOString();
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${esc(meta.title)}</rdf:li></rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${esc(meta.subject)}</rdf:li></rdf:Alt></dc:description>
<pdf:Producer>${APP_PRODUCER}</pdf:Producer>
<pdf:Keywords>${esc(meta.keywords.join(', '))}</pdf:Keywords>
<xmp:CreatorTool>${APP_PRODUCER}</xmp:CreatorTool>
<xmp:CreateDate>${when}</xmp:CreateDate>
<xmp:ModifyDate>${when}</xmp:ModifyDate>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`;
}

export async function renderDocument(blocks: Block[], meta: DocMeta): Promise<RenderedPdf> {
  const fonts = loadFonts();
  const pages = layout(blocks, fonts);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fonts.regular.bytes, { subset: true });
  const bold = await doc.embedFont(fonts.bold.bytes, { subset: true });
  useFastLayout(regular);
  useFastLayout(bold);
  doc.setTitle(meta.title, { showInWindowTitleBar: false });
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setProducer(APP_PRODUCER);
  doc.setCreator(APP_PRODUCER);
  doc.setCreationDate(meta.createdAt);
  doc.setModificationDate(meta.createdAt);
  const metadata = doc.context.stream(new TextEncoder().encode(xmp(meta)), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(metadata));

  const drawn: string[] = [];
  const footer = cleanText(meta.footer, fonts.regular).join(' ');
  const n = pages.length;
  const grey = rgb(0.35, 0.35, 0.35);
  pages.forEach((p, i) => {
    const page: PDFPage = doc.addPage([PAGE.width, PAGE.height]);
    for (const op of p.ops) {
      const font: PDFFont = op.bold ? bold : regular;
      page.drawText(visualOrder(op.text), { x: op.x, y: op.y, size: op.size, font, color: rgb(0, 0, 0) });
      drawn.push(op.text);
    }
    for (const r of p.rules) page.drawLine({ start: { x: r.x1, y: r.y }, end: { x: r.x2, y: r.y }, thickness: 0.5, color: grey });
    const pageLabel = `Page ${i + 1} of ${n}`;
    const footerLines = wrapLine(footer, fonts.regular, SIZES.footer, CONTENT_WIDTH - widthOf(pageLabel, fonts.regular, SIZES.footer) - 12);
    footerLines.forEach((l, k) => {
      page.drawText(l, { x: PAGE.margin, y: PAGE.footerY + (footerLines.length - 1 - k) * 10, size: SIZES.footer, font: regular, color: grey });
      drawn.push(l);
    });
    page.drawText(pageLabel, {
      x: PAGE.width - PAGE.margin - widthOf(pageLabel, fonts.regular, SIZES.footer),
      y: PAGE.footerY,
      size: SIZES.footer,
      font: regular,
      color: grey,
    });
    drawn.push(pageLabel);
  });
  const bytes = await doc.save({ useObjectStreams: true });
  return { bytes, pages: n, drawn };
}
