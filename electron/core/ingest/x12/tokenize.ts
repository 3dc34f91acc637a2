/**
 * X12 tokenizer: finds the delimiters in the ISA header and splits the interchange into segments.
 *
 * ISA is nominally fixed-width (106 characters: the component separator at 104, the segment
 * terminator at 105), but real files pad badly, so the delimiters are found by structure: the
 * element separator is the character after "ISA", ISA16 (the component separator) follows the
 * 16th element separator, and the segment terminator is the character right after it. Line breaks
 * after terminators are tolerated. A file that starts with a bare "ST*835" transaction set (no
 * envelope, as some payer portals export) is read with the usual '*', '~' and ':' delimiters.
 *
 * Errors never quote file content: only segment positions and segment identifiers.
 */
import { NtkError } from '../../errors';

export interface Delimiters {
  element: string;
  component: string;
  /** ISA11 in 005010; null when the version has none ('U' in 004010). */
  repetition: string | null;
  segment: string;
}

export interface Segment {
  id: string;
  /** elements[0] is the id; elements[1] is XX01. */
  elements: string[];
  /** 1-based position in the file, for error messages. */
  pos: number;
  /** Text with no segment identifier was skipped just before this segment. */
  gapBefore?: true;
}

export const bad = (message: string): NtkError => new NtkError('BAD_INPUT', message);

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;
const isDelimiterChar = (c: string | undefined): c is string => c !== undefined && c.length === 1 && !/[A-Za-z0-9 ]/.test(c);

/** Strips a UTF-8 BOM and leading whitespace. */
function start(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/^\s+/, '');
}

export function findDelimiters(raw: string): { delimiters: Delimiters; enveloped: boolean } {
  const text = start(raw);
  if (text.startsWith('ISA')) {
    const element = text[3];
    if (!isDelimiterChar(element)) throw bad('The X12 interchange header (ISA) has no valid element separator.');
    let at = 3;
    for (let n = 0; n < 16; n++) {
      at = text.indexOf(element, at + (n === 0 ? 0 : 1));
      if (at < 0 || at > 200) throw bad('The X12 interchange header (ISA) is truncated or has the wrong number of elements.');
    }
    const component = text[at + 1];
    const segment = text[at + 2];
    if (component === undefined || segment === undefined) throw bad('The X12 file is truncated inside its interchange header (ISA).');
    if (!isDelimiterChar(component) && !/[\r\n]/.test(component)) throw bad('The X12 interchange header (ISA16) has no valid component separator.');
    if (!(isDelimiterChar(segment) || segment === '\n' || segment === '\r') || segment === element || segment === component) {
      throw bad('The X12 interchange header (ISA) is not followed by a valid segment terminator.');
    }
    const isa = text.slice(0, at + 2).split(element);
    const version = isa[12] ?? '';
    const rep = isa[11] ?? '';
    const repetition = version >= '00501' && isDelimiterChar(rep) && rep !== element && rep !== component && rep !== segment ? rep : null;
    return { delimiters: { element, component, repetition, segment }, enveloped: true };
  }
  const m = /^ST([^A-Za-z0-9 ])835\1[A-Za-z0-9 ]*(?:\1[A-Za-z0-9. ]*)?([^A-Za-z0-9. ])/.exec(text);
  if (m && m[2] !== m[1]) {
    const element = m[1]!;
    const segment = m[2]!;
    const svc = new RegExp(`(?:^|[${escape(segment)}\\s])SVC${reEscape(element)}[A-Z]{2}([^A-Za-z0-9 ])`).exec(text);
    const component = svc?.[1] && svc[1] !== element && svc[1] !== segment ? svc[1] : ':';
    return { delimiters: { element, component, repetition: null, segment }, enveloped: false };
  }
  throw bad('This is not an X12 835 file: it does not start with an interchange header (ISA) or an 835 transaction set (ST).');
}

const escape = (c: string): string => c.replace(/[\\\]^-]/g, '\\$&');
const reEscape = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Layout around a segment: line breaks and trailing spaces or tabs (never data in 005010; el() trims elements anyway). */
const isLayout = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x20 || c === 0x09;

/** Strips leading and trailing layout; an index scan, since a regex anchored at the end is quadratic on a long run of it. */
function trimLayout(s: string): string {
  let from = 0;
  let to = s.length;
  while (from < to && isLayout(s.charCodeAt(from))) from++;
  while (to > from && isLayout(s.charCodeAt(to - 1))) to--;
  return from === 0 && to === s.length ? s : s.slice(from, to);
}

export interface Tokenized {
  delimiters: Delimiters;
  enveloped: boolean;
  segments: Segment[];
  /** What was read around: text that is not a segment, an unterminated tail. Never quotes file content. */
  warnings: string[];
}

/**
 * Splits the file into segments. Tolerant where the data is still unambiguous: line breaks and trailing
 * whitespace after terminators are layout; a piece of text between two terminators that has no segment
 * identifier is skipped with a warning; an unterminated tail (a truncated file) is dropped with a warning,
 * so the complete transaction sets before it still import. Refuses a file whose delimiters cannot be found.
 */
export function tokenize(raw: string): Tokenized {
  const { delimiters, enveloped } = findDelimiters(raw);
  const text = start(raw);
  const parts = text.split(delimiters.segment);
  const tail = trimLayout(parts.pop() ?? '');
  const segments: Segment[] = [];
  const warnings: string[] = [];
  let unreadable = 0;
  let firstUnreadable = 0;
  let gap = false;
  for (const part of parts) {
    const body = trimLayout(part);
    if (body === '') continue;
    const elements = body.split(delimiters.element);
    const id = elements[0] ?? '';
    if (!SEGMENT_ID.test(id)) {
      if (unreadable++ === 0) firstUnreadable = segments.length;
      gap = true;
      continue;
    }
    const seg: Segment = { id, elements, pos: segments.length + 1 };
    if (gap) seg.gapBefore = true;
    gap = false;
    segments.push(seg);
  }
  if (segments.length === 0) throw bad('The X12 file has no segments.');
  if (unreadable > 0) {
    warnings.push(
      `${unreadable} piece${unreadable === 1 ? '' : 's'} of text between segment terminators ${unreadable === 1 ? 'has' : 'have'} no segment identifier and ${unreadable === 1 ? 'was' : 'were'} skipped (the first after segment ${firstUnreadable}): verify against the payer's EOB.`,
    );
  }
  if (tail !== '') warnings.push(`The file ends inside a segment (no segment terminator after segment ${segments.length}): it is truncated; the unterminated segment was not read.`);
  return { delimiters, enveloped, segments, warnings };
}
