/**
 * FHIR R4 JSON in: a Bundle (transaction, batch, collection, searchset, document), a single
 * resource, or NDJSON (one resource per line, as in Bulk Data export). Produces the list of
 * supported resources, each with a stable key `Type/id` that becomes its source id, plus a map
 * from every fullUrl to that key so references between entries resolve.
 *
 * Errors are NtkError('BAD_INPUT') whose messages name positions, entry numbers and resource
 * types only — never a value from the file (JSON.parse's own message quotes the input, so it is
 * never passed on).
 */
import { createHash } from 'node:crypto';
import { NtkError } from '../../errors';
import { isObj, str, type Json } from './fhir-json';

export const SUPPORTED_TYPES = [
  'Organization',
  'Practitioner',
  'Patient',
  'Coverage',
  'Encounter',
  'Condition',
  'Procedure',
  'Medication',
  'MedicationRequest',
  'MedicationAdministration',
  'MedicationStatement',
  'Immunization',
  'Observation',
  'DiagnosticReport',
  'DocumentReference',
  'Claim',
  'ExplanationOfBenefit',
] as const;
export type SupportedType = (typeof SUPPORTED_TYPES)[number];
const SUPPORTED = new Set<string>(SUPPORTED_TYPES);

const BUNDLE_TYPES = new Set(['transaction', 'batch', 'collection', 'searchset', 'document']);
const TYPE_NAME = /^[A-Z][A-Za-z]{1,63}$/;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

export interface FhirEntry {
  /** `Type/id`: the row's source id under source system 'fhir'. */
  key: string;
  type: SupportedType;
  resource: Json;
  /** 1-based position in the file, for error messages. */
  index: number;
}

export interface FhirParsed {
  entries: FhirEntry[];
  /** fullUrl (and `Type/id`) -> key. */
  refs: Map<string, string>;
  /** Resource types present but not imported (CarePlan, ImagingStudy ...), with counts. */
  skipped: Record<string, number>;
}

const bad = (message: string): NtkError => new NtkError('BAD_INPUT', message);

/** Parses JSON without passing on the parser's message (it quotes the input). */
function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message)?.[1];
    throw bad(`${what} is not valid JSON${pos ? ` (error near character ${pos})` : ''}.`);
  }
}

export function looksLikeNdjson(name: string, text: string): boolean {
  if (/\.(ndjson|jsonl)$/i.test(name)) return true;
  const first = text.indexOf('\n');
  return first > 0 && first < text.length - 1 && /^\s*\{/.test(text.slice(first + 1)) && /\}\s*$/.test(text.slice(0, first));
}

export function parseFhirText(name: string, text: string): FhirParsed {
  const out: FhirParsed = { entries: [], refs: new Map(), skipped: {} };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (looksLikeNdjson(name, body)) {
    let start = 0;
    let line = 0;
    while (start < body.length) {
      let end = body.indexOf('\n', start);
      if (end < 0) end = body.length;
      line++;
      const rec = body.slice(start, end).trim();
      start = end + 1;
      if (!rec) continue;
      const res = parseJson(rec, `Line ${line}`);
      if (!isObj(res)) throw bad(`Line ${line} is not a FHIR resource (expected a JSON object).`);
      if (res.resourceType === 'Bundle') readBundle(res, out, line);
      else addResource(res, undefined, out, line);
    }
    if (!out.entries.length && !Object.keys(out.skipped).length) throw bad('The NDJSON file holds no FHIR resources.');
    return out;
  }
  const root = parseJson(body, 'The file');
  if (!isObj(root) || typeof root.resourceType !== 'string') throw bad('The file is JSON but not a FHIR resource (no resourceType).');
  if (root.resourceType === 'Bundle') readBundle(root, out, 0);
  else {
    const type = root.resourceType;
    if (!SUPPORTED.has(type)) throw bad(`FHIR resource type ${TYPE_NAME.test(type) ? type : '(invalid)'} is not supported; import a Bundle or one of: ${SUPPORTED_TYPES.join(', ')}.`);
    addResource(root, undefined, out, 1);
  }
  return out;
}

function readBundle(b: Json, out: FhirParsed, line: number): void {
  const type = str(b.type, 32);
  if (!type || !BUNDLE_TYPES.has(type)) {
    throw bad(`Bundle type ${type && /^[a-z-]{1,32}$/.test(type) ? `'${type}'` : '(missing)'} is not imported; expected transaction, batch, collection, searchset or document.`);
  }
  const entries = b.entry;
  if (entries !== undefined && !Array.isArray(entries)) throw bad('Bundle.entry is not a list.');
  (entries ?? []).forEach((e: unknown, i: number) => {
    const where = line ? `Line ${line}, entry ${i + 1}` : `Entry ${i + 1}`;
    if (!isObj(e)) throw bad(`${where} is not an object.`);
    if (isObj(e.request) && e.request.method === 'DELETE') return;
    if (isObj(e.search) && e.search.mode === 'outcome') return;
    if (e.resource === undefined) return;
    if (!isObj(e.resource)) throw bad(`${where} has a resource that is not an object.`);
    addResource(e.resource, str(e.fullUrl, 512), out, out.entries.length + 1, where);
  });
}

function addResource(r: Json, fullUrl: string | undefined, out: FhirParsed, index: number, where = `Resource ${index}`): void {
  const type = r.resourceType;
  if (typeof type !== 'string' || !TYPE_NAME.test(type)) throw bad(`${where} has no valid resourceType.`);
  if (!SUPPORTED.has(type)) {
    out.skipped[type] = (out.skipped[type] ?? 0) + 1;
    return;
  }
  const id = str(r.id, 64);
  let key: string;
  if (id && FHIR_ID.test(id)) key = `${type}/${id}`;
  else if (fullUrl) key = `${type}/${fullUrl.replace(/^urn:uuid:/, '').slice(-64)}`;
  else key = `${type}/sha-${createHash('sha256').update(JSON.stringify(r)).digest('hex').slice(0, 40)}`;
  out.entries.push({ key, type: type as SupportedType, resource: r, index });
  if (fullUrl) out.refs.set(fullUrl, key);
  out.refs.set(key, key);
}

/**
 * The key a reference points at: a fullUrl in this file, `Type/id` (relative or absolute URL,
 * with or without _history), or `urn:uuid:X` read as `expect/X` when X is not a fullUrl here.
 */
export function resolveRef(refs: Map<string, string>, ref: unknown, expect?: string): string | undefined {
  const r = str(isObj(ref) ? ref.reference : ref, 512);
  if (!r || r.startsWith('#')) return undefined;
  const hit = refs.get(r);
  if (hit) return hit;
  const m = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]*)?$/.exec(r);
  if (m) return `${m[1]}/${m[2]}`;
  const uuid = /^urn:uuid:([A-Za-z0-9\-.]{1,64})$/.exec(r);
  if (uuid && expect) return `${expect}/${uuid[1]}`;
  return undefined;
}
