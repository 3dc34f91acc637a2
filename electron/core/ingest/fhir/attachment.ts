/**
 * The text of a FHIR Attachment: inline `data` (base64) of a text type (plain, HTML/XHTML, XML,
 * markdown, RTF is not read). Attachments by `url` only, or of binary types, give no text (OCR of
 * PDFs and images is its own importer).
 */
import { NtkError } from '../../errors';
import { markupToText } from '../markup-text';
import { str, type Json } from './fhir-json';
import type { FhirEntry } from './fhir-parse';

/** JavaScript's `\s` (WhiteSpace and LineTerminator) for one UTF-16 code unit. */
const isSpace = (c: number): boolean =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

const isBase64Char = (c: number): boolean =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || isSpace(c);

/**
 * The strings `/^[A-Za-z0-9+/\s]*={0,2}\s*$/` accepts (base64 letters and whitespace, at most two '=',
 * then only whitespace), in one pass: that regex backtracks quadratically on a long run of whitespace
 * followed by a stray character.
 */
function isBase64(s: string): boolean {
  const n = s.length;
  let i = 0;
  while (i < n && isBase64Char(s.charCodeAt(i))) i++;
  for (let pad = 0; pad < 2 && i < n && s.charCodeAt(i) === 0x3d; pad++) i++;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  return i === n;
}

/** Decoded text larger than this in one attachment is refused (the file as a whole has its own cap). */
export const MAX_ATTACHMENT_CHARS = 8 * 1024 * 1024;

export function attachmentText(a: Json, e: FhirEntry): string | undefined {
  const type = (str(a.contentType, 128) ?? 'text/plain').toLowerCase().split(';')[0]!.trim();
  const textual = type.startsWith('text/') || type === 'application/xhtml+xml' || type === 'application/xml';
  if (!textual || type === 'text/rtf') return undefined;
  const data = typeof a.data === 'string' ? a.data : undefined;
  if (!data) return undefined;
  if (!isBase64(data)) throw new NtkError('BAD_INPUT', `Entry ${e.index} (${e.type}): attachment data is not base64.`);
  const raw = Buffer.from(data, 'base64');
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(raw);
  if (decoded.includes('\u0000')) throw new NtkError('BAD_INPUT', `Entry ${e.index} (${e.type}): attachment says ${type} but holds binary data.`);
  if (decoded.length > MAX_ATTACHMENT_CHARS) throw new NtkError('BAD_INPUT', `Entry ${e.index} (${e.type}): attachment text is larger than ${MAX_ATTACHMENT_CHARS / 1024 / 1024} MB.`);
  const text = type.includes('html') || type.includes('xml') ? markupToText(decoded) : decoded.replace(/\r\n?/g, '\n').trim();
  return text || undefined;
}
