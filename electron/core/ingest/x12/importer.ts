/**
 * The X12 835 remittance importer: recognised by content (an ISA header followed by an 835
 * transaction set, or a bare ST*835), parsed without the database, written as one remittance per
 * transaction set. ChartWriter matches each remit claim to a stored claim by claim number.
 */
import type { ChartWriter } from '../../db/chart-writer';
import type { Importer, ImportFile } from '../importer';
import { decodeUtf8 } from '../text-decode';
import { parse835Report, type ParsedRemittance } from './parse-835';
import { bad } from './tokenize';

export interface Parsed835 {
  remittances: ParsedRemittance[];
  /** Shown on the file's import result; each remittance stores its own. */
  warnings: string[];
}

const HEAD = 4096;

function head(bytes: Buffer): string {
  return bytes.subarray(0, HEAD).toString('latin1').replace(/^\xEF\xBB\xBF/, '').replace(/^\s+/, '');
}

export function looks835(bytes: Buffer): boolean {
  const h = head(bytes);
  if (h.startsWith('ISA') && h.length > 3) {
    const e = h[3]!;
    return !/[A-Za-z0-9\s]/.test(e) && h.includes(`ST${e}835${e}`);
  }
  return /^ST([^A-Za-z0-9\s])835\1/.test(h);
}

function decode(bytes: Buffer): string {
  if (bytes.includes(0)) throw bad('The X12 file contains binary data; it is not a text remittance file.');
  try {
    return decodeUtf8(bytes, 'X12 file');
  } catch {
    return bytes.toString('latin1'); // older 835s are often Latin-1
  }
}

export const x12Importer: Importer<Parsed835> = {
  format: 'x12-835',
  detect: (file: ImportFile) => looks835(file.bytes),
  parse(file) {
    return Promise.resolve().then(() => parse835Report(decode(file.bytes)));
  },
  warnings: (parsed) => parsed.warnings,
  write(parsed, writer: ChartWriter, file) {
    for (const r of parsed.remittances) writer.remittance({ ...r, fileSha256: file.sha256 });
  },
};
