/** Parses a PDF back with pdfjs (legacy build for Node): text per page (items in content order) and metadata. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ParsedPdf {
  pages: string[][];
  info: Record<string, unknown>;
  xmp: string | null;
}

export async function parsePdf(bytes: Uint8Array): Promise<ParsedPdf> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).filter((s) => s !== ''));
  }
  const meta = await doc.getMetadata();
  const xmp = meta.metadata ? String(meta.metadata.getRaw()) : null;
  await doc.destroy();
  return { pages, info: meta.info as Record<string, unknown>, xmp };
}

/** The text of a PDF as a reader extracts it, whitespace collapsed. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { pages } = await parsePdf(bytes);
  return pages.flat().join(' ').replace(/\s+/g, ' ');
}

/** The PDF's document information (title, author, producer ...). */
export async function pdfInfo(bytes: Uint8Array): Promise<Record<string, unknown>> {
  return (await parsePdf(bytes)).info;
}

/** Every non-space character in order: robust to how a parser splits or joins text runs. */
export const squash = (s: string): string => s.replace(/\s+/gu, '');
