/**
 * The text of a FHIR Attachment: inline `data` (base64) of a text type (plain, HTML/XHTML, XML,
 * markdown, RTF is not read). Attachments by `url` only, or of binary types, give no text (OCR of
 * PDFs and images is its own importer).
 */
import { NtkError } from '../../errors';
import { markupToText } from '../markup-text';
import { str, type Json } from './fhir-json';
import type { FhirEntry } from './fhir-parse';

/**
 * Base64 letters and whitespace, then at most two '=' and trailing whitespace. Linear: after the
 * class nothing but '=' can start the optional tail, so a failed match backtracks only once per
 * character (the earlier `={0,2}\s*$` let the trailing `\s*` re-scan every run of whitespace).
 */
const BASE64 = /^[A-Za-z0-9+/\s]*(?:={1,2}\s*)?$/;

/** Decoded text larger than this in one attachment is refused (the file as a whole has its own cap). */
export const MAX_ATTACHMENT_CHARS = 8 * 1024 * 1024;

export function attachmentText(a: Json, e: FhirEntry): string | undefined {
  const type = (str(a.contentType, 128) ?? 'text/plain').toLowerCase().split(';')[0]!.trim();
  const textual = type.startsWith('text/') || type === 'application/xhtml+xml' || type === 'application/xml';
  if (!textual || type === 'text/rtf') return undefined;
  const data = typeof a.data === 'string' ? a.data : undefined;
  if (!data) return undefined;
  if (!BASE64.test(data)) throw new NtkError('BAD_INPUT', `Entry ${e.index} (${e.type}): attachment data is not base64.`);
  const raw = Buffer.from(data, 'base64');
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(raw);
  if (decoded.includes('\u0000')) throw new NtkError('BAD_INPUT', `Entry ${e.index} (${e.type}): attachment says ${type} but holds binary data.`);
  if (decoded.length > MAX_ATTACHMENT_CHARS) throw new NtkError('BAD_INPUT', `Entry ${e.index} (${e.type}): attachment text is larger than ${MAX_ATTACHMENT_CHARS / 1024 / 1024} MB.`);
  const text = type.includes('html') || type.includes('xml') ? markupToText(decoded) : decoded.replace(/\r\n?/g, '\n').trim();
  return text || undefined;
}
