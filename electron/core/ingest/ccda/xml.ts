/**
 * Safe XML for C-CDA: refuses DOCTYPE/ENTITY declarations outright (no XXE, no entity expansion;
 * C-CDA never needs a DTD), checks well-formedness first (reporting a line number only, never
 * the offending text), keeps every <text> element raw (its narrative markup is flattened to text
 * in order later) and turns every element into a list so the readers below are uniform.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { NtkError } from '../../errors';
import { decodeEntities } from '../markup-text';

export type XNode = Record<string, unknown>;

/** C-CDA documents are a few MB; anything this large is refused before parsing. */
export const MAX_XML_BYTES = 64 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  stopNodes: ['*.text'],
  isArray: (_name, _jpath, _isLeaf, isAttribute) => !isAttribute,
});

const bad = (m: string) => new NtkError('BAD_INPUT', m);

export function parseXml(xml: string): XNode {
  if (xml.length > MAX_XML_BYTES) throw bad(`The XML document is larger than ${MAX_XML_BYTES / 1024 / 1024} MB.`);
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) throw bad('The XML declares a DOCTYPE or entities, which C-CDA never uses; it was refused (entity expansion and external entities are not processed).');
  let valid: ReturnType<typeof XMLValidator.validate>;
  try {
    valid = XMLValidator.validate(xml);
  } catch {
    throw bad('The file is not well-formed XML.');
  }
  if (valid !== true) throw bad(`The file is not well-formed XML (line ${Number(valid.err.line) || '?'}).`);
  try {
    return parser.parse(xml) as XNode;
  } catch {
    throw bad('The file is not well-formed XML.');
  }
}

const isNode = (v: unknown): v is XNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Child elements named `name` (a node, or a string for text-only elements wrapped as {#text}). */
export function kids(n: XNode | undefined, name: string): XNode[] {
  const v = n?.[name];
  if (!Array.isArray(v)) return [];
  return v.map((x) => (isNode(x) ? x : { '#text': typeof x === 'string' ? x : String(x ?? '') }));
}
export const kid = (n: XNode | undefined, name: string): XNode | undefined => kids(n, name)[0];

/** A path of single children. */
export function path(n: XNode | undefined, ...names: string[]): XNode | undefined {
  let cur = n;
  for (const name of names) cur = kid(cur, name);
  return cur;
}

export function attr(n: XNode | undefined, name: string, max = 512): string | undefined {
  const v = n?.[`@${name}`];
  if (typeof v !== 'string') return undefined;
  const t = decodeEntities(v).trim();
  return t ? t.slice(0, max) : undefined;
}

/** The text of a simple element (<title>, <given>), entities decoded. */
export function textOf(n: XNode | undefined, max = 2000): string | undefined {
  const v = n?.['#text'];
  if (typeof v !== 'string') return undefined;
  const t = decodeEntities(v).replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, max) : undefined;
}
