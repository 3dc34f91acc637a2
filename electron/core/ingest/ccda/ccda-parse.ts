/**
 * C-CDA R2.1 in: the header (patient, author, encounter or service event, document type), every
 * section (nested ones flattened in document order) with its LOINC code, title and narrative as
 * plain text, and the coded entries found in them: problems -> conditions, procedures, medications
 * and immunizations, results and vital signs -> observations.
 *
 * The document text is the sections one after another ("TITLE\n" + narrative + blank line), and
 * each section's offsets in it are kept so the stored analysis uses the source's LOINC codes.
 */
import type { CodedConcept } from '../../redaction/sensitivity/codes';
import { systemFromOid } from '../../../../shared/code-systems';
import { NtkError } from '../../errors';
import { docTypeFromLoinc } from '../doc-types';
import { markupToText } from '../markup-text';
import { attr, kid, kids, parseXml, path, textOf, type XNode } from './xml';

const LOINC_OID = '2.16.840.1.113883.6.1';
const SSN_OID = '2.16.840.1.113883.4.1';
const NPI_OID = '2.16.840.1.113883.4.6';

const PROBLEM_SECTIONS = new Set(['11450-4', '11535-2', '29548-5', '46241-6', '11348-0', '10183-2', '42348-3', '51848-0']);
const RESULT_SECTIONS = new Set(['30954-2', '8716-3', '18748-4', '29545-1']);
const T = {
  problem: '2.16.840.1.113883.10.20.22.4.4',
  result: '2.16.840.1.113883.10.20.22.4.2',
  vital: '2.16.840.1.113883.10.20.22.4.27',
  procedureAct: '2.16.840.1.113883.10.20.22.4.12',
  procedureObs: '2.16.840.1.113883.10.20.22.4.13',
  procedure: '2.16.840.1.113883.10.20.22.4.14',
  immunization: '2.16.840.1.113883.10.20.22.4.52',
};

export interface Coded {
  system: string;
  code: string;
  display?: string;
}

export interface CcdaSection {
  start: number;
  end: number;
  bodyStart: number;
  loinc: string;
  title: string;
}

export interface CcdaEntry {
  kind: 'condition' | 'procedure' | 'medication' | 'observation';
  sourceId: string;
  code: Coded;
  date?: string;
  end?: string;
  category?: string;
  status?: string;
  medKind?: 'request' | 'administration' | 'statement';
  dosageText?: string;
  valueNum?: number;
  valueText?: string;
  unit?: string;
  refLow?: number;
  refHigh?: number;
  interpretation?: string;
}

export interface CcdaParsed {
  docKey: string;
  patient: {
    key: string;
    mrn?: string;
    familyName?: string;
    givenName?: string;
    birthDate?: string;
    sex?: string;
    addressLine?: string;
    city?: string;
    state?: string;
    postalCode?: string;
    phone?: string;
  };
  author?: { key: string; npi?: string; name?: string };
  encounter?: { key: string; classCode?: string; typeSystem?: string; typeCode?: string; typeDisplay?: string; start?: string; end?: string };
  document: { docType: string; title: string; authoredAt?: string; text: string; sections: CcdaSection[]; codes: CodedConcept[] };
  entries: CcdaEntry[];
}

const bad = (m: string) => new NtkError('BAD_INPUT', m);

/** HL7 TS (YYYYMMDDHHMMSS.UUUU±ZZZZ, any precision) -> ISO 8601 at the same precision. */
export function tsToIso(ts: string | undefined): string | undefined {
  const m = ts ? /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d+)?([+-]\d{4})?$/.exec(ts.trim()) : null;
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, z] = m;
  let out = y!;
  if (mo) out += `-${mo}`;
  if (mo && d) out += `-${d}`;
  if (d && h) {
    out += `T${h}:${mi ?? '00'}:${s ?? '00'}`;
    if (z) out += `${z.slice(0, 3)}:${z.slice(3)}`;
  }
  return out;
}

const idKey = (n: XNode | undefined): string | undefined => {
  const root = attr(n, 'root', 128);
  if (!root || attr(n, 'nullFlavor')) return undefined;
  const ext = attr(n, 'extension', 128);
  return ext ? `${root}^${ext}` : root;
};

function codeOf(n: XNode | undefined): Coded | undefined {
  if (!n) return undefined;
  const code = attr(n, 'code', 64);
  if (code && !attr(n, 'nullFlavor')) return { system: systemFromOid(attr(n, 'codeSystem', 128)), code, display: attr(n, 'displayName', 512) };
  for (const t of kids(n, 'translation')) {
    const c = codeOf(t);
    if (c && c.code) return c;
  }
  const original = textOf(kid(n, 'originalText'), 512);
  return original ? { system: 'uncoded', code: '', display: original } : undefined;
}

/** The narrative of a <text> (kept raw by the parser) as plain text. */
function narrative(n: XNode | undefined): string {
  const raw = n?.['#text'];
  return typeof raw === 'string' ? markupToText(raw) : '';
}

function nameParts(n: XNode | undefined): { family?: string; given?: string; full?: string } {
  if (!n) return {};
  const given = kids(n, 'given').map((g) => textOf(g, 100)).filter(Boolean).join(' ') || undefined;
  const family = kids(n, 'family').map((f) => textOf(f, 100)).filter(Boolean).join(' ') || undefined;
  const full = [given, family].filter(Boolean).join(' ') || textOf(n, 200);
  return { family, given, full };
}

function timeOf(n: XNode | undefined): { start?: string; end?: string } {
  if (!n) return {};
  const v = tsToIso(attr(n, 'value', 32));
  if (v) return { start: v };
  return { start: tsToIso(attr(kid(n, 'low'), 'value', 32)), end: tsToIso(attr(kid(n, 'high'), 'value', 32)) };
}

const templates = (n: XNode): Set<string> => new Set(kids(n, 'templateId').map((t) => attr(t, 'root', 128)).filter((x): x is string => !!x));

export function parseCcda(xml: string, fileSha256: string): CcdaParsed {
  const root = kid(parseXml(xml), 'ClinicalDocument');
  if (!root) throw bad('The XML is not a C-CDA document (no ClinicalDocument root).');
  const docCode = kid(root, 'code');
  const docLoinc = attr(docCode, 'codeSystem') === LOINC_OID ? attr(docCode, 'code', 16) : undefined;
  // The document id plus its type: ids are meant to be unique, but sample and test documents
  // often reuse one id for different document types; those stay separate documents.
  const docId = idKey(kid(root, 'id'));
  const docKey = docId ? `${docId}|${docLoinc ?? attr(docCode, 'code', 32) ?? 'doc'}` : `sha256:${fileSha256}`;

  const role = path(root, 'recordTarget', 'patientRole');
  if (!role) throw bad('The C-CDA document has no recordTarget/patientRole (no patient).');
  const ids = kids(role, 'id').filter((i) => attr(i, 'root') !== SSN_OID);
  const mrnId = ids.find((i) => attr(i, 'extension'));
  const pat = kid(role, 'patient');
  const name = nameParts(kids(pat, 'name').find((n) => attr(n, 'use') === 'L') ?? kid(pat, 'name'));
  const addr = kid(role, 'addr');
  const tel = kids(role, 'telecom').map((t) => attr(t, 'value', 64)).find((v) => v?.startsWith('tel:'));
  const patient: CcdaParsed['patient'] = {
    key: mrnId ? `patient:${idKey(mrnId)}` : `patient:doc:${docKey}`,
    mrn: attr(mrnId, 'extension', 64),
    familyName: name.family,
    givenName: name.given,
    birthDate: tsToIso(attr(kid(pat, 'birthTime'), 'value', 32))?.slice(0, 10),
    sex: ({ F: 'female', M: 'male', UN: 'other' } as Record<string, string>)[attr(kid(pat, 'administrativeGenderCode'), 'code', 8) ?? ''],
    addressLine: kids(addr, 'streetAddressLine').map((l) => textOf(l, 200)).filter(Boolean).join(', ') || undefined,
    city: textOf(kid(addr, 'city'), 100),
    state: textOf(kid(addr, 'state'), 64),
    postalCode: textOf(kid(addr, 'postalCode'), 16),
    phone: tel?.slice(4).trim(),
  };

  const assigned = kids(root, 'author').map((a) => kid(a, 'assignedAuthor')).find((a) => kid(a, 'assignedPerson'));
  let author: CcdaParsed['author'];
  if (assigned) {
    const npiId = kids(assigned, 'id').find((i) => attr(i, 'root') === NPI_OID && attr(i, 'extension'));
    const an = nameParts(path(assigned, 'assignedPerson', 'name'));
    const k = idKey(npiId) ?? idKey(kid(assigned, 'id')) ?? (an.full ? `name:${an.full}` : undefined);
    if (k) author = { key: `practitioner:${k}`, npi: attr(npiId, 'extension', 16), name: an.full };
  }

  const enc = path(root, 'componentOf', 'encompassingEncounter');
  const service = path(root, 'documentationOf', 'serviceEvent');
  let encounter: CcdaParsed['encounter'];
  if (enc || service) {
    const src = enc ?? service!;
    const code = codeOf(kid(src, 'code'));
    const time = timeOf(kid(src, 'effectiveTime'));
    const actClass = code && systemFromOid(attr(kid(src, 'code'), 'codeSystem')) === 'urn:oid:2.16.840.1.113883.5.4' ? code.code : undefined;
    encounter = {
      key: `encounter:${idKey(kid(src, 'id')) ?? `doc:${docKey}`}`,
      classCode: actClass,
      typeSystem: actClass ? undefined : code?.system,
      typeCode: actClass ? undefined : code?.code,
      typeDisplay: code?.display,
      ...time,
    };
  }

  const title = textOf(kid(root, 'title'), 300) ?? attr(docCode, 'displayName', 300) ?? 'Clinical document';

  const sections: CcdaSection[] = [];
  const entries: CcdaEntry[] = [];
  let text = '';
  const visit = (sec: XNode, ordinal: string): void => {
    const code = kid(sec, 'code');
    const loinc = (attr(code, 'codeSystem') ?? LOINC_OID) === LOINC_OID ? (attr(code, 'code', 16) ?? 'unknown') : 'unknown';
    const secTitle = (textOf(kid(sec, 'title'), 300) ?? attr(code, 'displayName', 300) ?? 'Section').replace(/\n/g, ' ');
    const body = narrative(kid(sec, 'text'));
    const start = text.length;
    text += `${secTitle}\n`;
    const bodyStart = text.length;
    text += body ? `${body}\n\n` : '\n';
    sections.push({ start, end: text.length, bodyStart, loinc, title: secTitle });
    kids(sec, 'entry').forEach((e, i) => collectEntries(e, loinc, `${docKey}#${ordinal}.${i + 1}`, entries));
    kids(sec, 'component').forEach((c, i) => {
      const sub = kid(c, 'section');
      if (sub) visit(sub, `${ordinal}.${i + 1}`);
    });
  };
  const body = path(root, 'component', 'structuredBody');
  const nonXml = path(root, 'component', 'nonXMLBody');
  if (body) {
    kids(body, 'component').forEach((c, i) => {
      const sec = kid(c, 'section');
      if (sec) visit(sec, String(i + 1));
    });
  } else if (nonXml) {
    const t = kid(nonXml, 'text');
    const media = attr(t, 'mediaType') ?? 'text/plain';
    if (attr(t, 'representation') === 'B64' || !media.startsWith('text/')) throw bad('The C-CDA body is an embedded binary (nonXMLBody); import the scanned file itself instead.');
    text = narrative(t);
  } else {
    throw bad('The C-CDA document has no body (structuredBody or nonXMLBody).');
  }
  // Sections tile the text: the last one runs to the end.
  if (sections.length) sections[sections.length - 1]!.end = text.length;

  const codes: CodedConcept[] = [];
  for (const e of entries) {
    if ((e.kind === 'condition' || e.kind === 'observation') && (e.code.system === 'ICD-10-CM' || e.code.system === 'SNOMED' || e.code.system === 'LOINC')) {
      codes.push({ system: e.code.system, code: e.code.code });
    }
  }

  return {
    docKey,
    patient,
    author,
    encounter,
    document: {
      docType: docTypeFromLoinc(docLoinc) ?? 'clinical-document',
      title,
      authoredAt: tsToIso(attr(kid(root, 'effectiveTime'), 'value', 32)),
      text,
      sections,
      codes,
    },
    entries: dedupe(entries),
  };
}

function dedupe(entries: CcdaEntry[]): CcdaEntry[] {
  const seen = new Map<string, CcdaEntry>();
  for (const e of entries) seen.set(`${e.kind}|${e.sourceId}`, e);
  return [...seen.values()];
}

/** Walks one section entry (and its nested entryRelationships/components) for coded clinical statements. */
function collectEntries(node: XNode, sectionLoinc: string, fallbackId: string, out: CcdaEntry[]): void {
  let n = 0;
  const key = (kind: string, el: XNode) => `${kind}:${idKey(kid(el, 'id')) ?? `${fallbackId}.${++n}`}`;
  const walk = (el: XNode, tag: string, depth: number): void => {
    if (depth > 12) return;
    const tpl = templates(el);
    let claimed = false;
    if (tag === 'observation') {
      const value = kid(el, 'value');
      const isProblem = tpl.has(T.problem) || (!tpl.size && PROBLEM_SECTIONS.has(sectionLoinc) && attr(value, 'type') === 'CD');
      const isResult = tpl.has(T.result) || tpl.has(T.vital) || (!tpl.size && RESULT_SECTIONS.has(sectionLoinc));
      if (isProblem) {
        const code = codeOf(value);
        if (code) {
          const t = timeOf(kid(el, 'effectiveTime'));
          out.push({ kind: 'condition', sourceId: key('condition', el), code, date: t.start, end: t.end, category: sectionLoinc === '11450-4' ? 'problem-list-item' : 'encounter-diagnosis' });
          claimed = true;
        }
      } else if (isResult) {
        const code = codeOf(kid(el, 'code'));
        if (code) {
          out.push({ kind: 'observation', sourceId: key('observation', el), code, category: tpl.has(T.vital) || sectionLoinc === '8716-3' ? 'vital-signs' : 'laboratory', date: timeOf(kid(el, 'effectiveTime')).start, ...valueOf(el) });
          claimed = true;
        }
      } else if (tpl.has(T.procedureObs)) {
        claimed = procedure(el, key, out);
      }
    } else if (tag === 'procedure' || (tag === 'act' && tpl.has(T.procedureAct))) {
      claimed = procedure(el, key, out);
    } else if (tag === 'substanceAdministration') {
      const material = path(el, 'consumable', 'manufacturedProduct', 'manufacturedMaterial');
      const code = codeOf(kid(material, 'code'));
      if (code) {
        const mood = attr(el, 'moodCode');
        const t = kids(el, 'effectiveTime').map(timeOf).find((x) => x.start);
        out.push({
          kind: 'medication',
          sourceId: key('medication', el),
          code,
          medKind: tpl.has(T.immunization) ? 'administration' : mood === 'INT' || mood === 'RQO' ? 'request' : 'statement',
          status: attr(kid(el, 'statusCode'), 'code', 32),
          date: t?.start,
          dosageText: narrative(kid(el, 'text')).slice(0, 500) || undefined,
        });
        claimed = true;
      }
    }
    if (claimed) return;
    for (const [childTag, holder] of [['entryRelationship', el], ['component', el]] as const) {
      for (const rel of kids(holder, childTag)) {
        for (const t of ['observation', 'procedure', 'act', 'substanceAdministration', 'organizer', 'encounter']) {
          for (const c of kids(rel, t)) walk(c, t, depth + 1);
        }
      }
    }
  };
  for (const t of ['observation', 'procedure', 'act', 'substanceAdministration', 'organizer', 'encounter']) {
    for (const c of kids(node, t)) walk(c, t, 0);
  }
}

function procedure(el: XNode, key: (kind: string, el: XNode) => string, out: CcdaEntry[]): boolean {
  const code = codeOf(kid(el, 'code'));
  if (!code) return false;
  out.push({ kind: 'procedure', sourceId: key('procedure', el), code, date: timeOf(kid(el, 'effectiveTime')).start });
  return true;
}

function valueOf(el: XNode): Partial<CcdaEntry> {
  const v = kid(el, 'value');
  const type = attr(v, 'type');
  const out: Partial<CcdaEntry> = {};
  if (type === 'PQ' || type === 'INT' || type === 'REAL') {
    const num = Number(attr(v, 'value', 64));
    if (Number.isFinite(num)) out.valueNum = num;
    out.unit = attr(v, 'unit', 32);
  } else if (type === 'CD' || type === 'CE' || type === 'CO') {
    const c = codeOf(v);
    out.valueText = c?.display ?? c?.code;
  } else if (v) {
    out.valueText = textOf(v, 2000);
  }
  const range = path(el, 'referenceRange', 'observationRange', 'value');
  const low = Number(attr(kid(range, 'low'), 'value', 64));
  const high = Number(attr(kid(range, 'high'), 'value', 64));
  if (kid(range, 'low') && Number.isFinite(low)) out.refLow = low;
  if (kid(range, 'high') && Number.isFinite(high)) out.refHigh = high;
  out.interpretation = attr(kid(el, 'interpretationCode'), 'code', 8);
  return out;
}
