/**
 * Property: for random charts, policies and grants, the serialized view (chart + every document)
 * never contains any 12-character substring of a masked section's text, nor the text of an
 * identifier the policy masks; placeholders carry nothing but a handle, the rule id and its words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActiveGrant } from '../../../../shared/access-types';
import { DocumentView as DocumentViewSchema, ChartView as ChartViewSchema } from '../../../../shared/chart-contract';
import { IDENTIFIER_TYPES, type IdentifierType } from '../../../../shared/identifier-types';
import { PURPOSES } from '../../../../shared/purposes';
import { defaultPolicy, loadPolicy, type Policy } from '../../../../electron/core/redaction/policy';
import { buildChartView, buildDocumentView } from '../../../../electron/core/redaction/views/build';
import { decideDocument } from '../../../../electron/core/redaction/views/build';
import { relevantGrants } from '../../../../electron/core/redaction/views/decide';
import { HandleTable } from '../../../../electron/core/redaction/views/handles';
import { modeOf } from '../../../../electron/core/redaction/views/render';
import { THRESHOLDED_TYPES } from '../../../../electron/core/redaction/identifiers/operating-points';
import type { DocumentBody, DocumentMeta, EncounterRow, StoredIdentifier, ViewRequest } from '../../../../electron/core/redaction/views/types';
import { DS4P_LABELS, type Ds4pLabel } from '../../../../electron/core/redaction/types';
import { numberHandles } from '../../../support/pairs';

const CODES = ['unknown', '10164-2', '11348-0', '29762-2', '10157-6', '8648-8', '11535-2', '48768-6', '18776-5'];
const MODES = ['show', 'mask', 'generalize'] as const;
const word = fc.stringMatching(/^[a-z]{3,9}$/);

interface GenSection {
  words: string[];
  loinc: string;
  labels: Ds4pLabel[];
  ids: Array<{ at: number; type: IdentifierType; confidence: number }>;
}

const section = fc.record({
  words: fc.array(word, { minLength: 2, maxLength: 14 }),
  loinc: fc.constantFrom(...CODES),
  labels: fc.subarray([...DS4P_LABELS], { maxLength: 2 }),
  ids: fc.array(fc.record({ at: fc.nat(13), type: fc.constantFrom(...IDENTIFIER_TYPES), confidence: fc.double({ min: 0.01, max: 1, noNaN: true }) }), { maxLength: 3 }),
});
const doc = fc.record({ sections: fc.array(section, { minLength: 1, maxLength: 5 }), date: fc.constantFrom(null, '2024-03-14', '2019-07-01T10:00:00Z') });

const policyVariant = fc.record({
  purpose: fc.constantFrom(...PURPOSES),
  allow: fc.oneof(fc.constant(['*']), fc.subarray(CODES, { minLength: 1 })),
  deny: fc.subarray(CODES),
  withheld: fc.subarray([...DS4P_LABELS]),
  taskRelated: fc.constantFrom('show', 'withhold'),
  psychotherapy: fc.constantFrom('show', 'withhold'),
  defaultMode: fc.constantFrom(...MODES),
  modes: fc.dictionary(fc.constantFrom(...IDENTIFIER_TYPES), fc.constantFrom(...MODES)),
  viewing: fc.double({ min: 0, max: 1, noNaN: true }),
});

type PolicyVariant = typeof policyVariant extends fc.Arbitrary<infer T> ? T : never;

const grant = fc.record({
  kind: fc.constantFrom('request', 'break_glass'),
  sectionCodes: fc.option(fc.subarray(CODES, { minLength: 1 }), { nil: undefined }),
  labels: fc.option(fc.subarray([...DS4P_LABELS], { minLength: 1 }), { nil: undefined }),
  otherPatient: fc.boolean(),
  entitled: fc.subarray([...DS4P_LABELS]),
});

/** Distinct random words: text fragments from different sections cannot collide by chance. */
function materialize(docs: Array<{ sections: GenSection[]; date: string | null }>) {
  let nextId = 1;
  let serial = 0;
  const metas: DocumentMeta[] = [];
  const bodies = new Map<number, DocumentBody>();
  const masks: Array<{ text: string; docId: number; sectionId: number }> = [];
  for (const d of docs) {
    const docId = nextId++;
    let text = '';
    const body: DocumentBody = { text: '', identifiers: [], sections: [] };
    d.sections.forEach((g, ordinal) => {
      const start = text.length;
      const words = g.words.map((w) => `${w}${(serial++).toString(36)}q`);
      const idAt = new Map(g.ids.map((i) => [i.at % words.length, i]));
      const title = words[0]!.toUpperCase();
      text += `${title}:\n`;
      words.slice(1).forEach((w, i) => {
        const id = idAt.get(i + 1);
        if (id) body.identifiers.push({ start: text.length, end: text.length + w.length, type: id.type, confidence: id.confidence } satisfies StoredIdentifier);
        text += `${w} `;
      });
      text += '\n';
      body.sections.push({ id: nextId++, ordinal, start, end: text.length, loinc: g.loinc, title, labels: g.labels });
    });
    body.text = text;
    bodies.set(docId, body);
    metas.push({ id: docId, patientId: 1, encounterId: 10, docType: 'progress-note', title: 'Progress note', authoredAt: d.date, needsReview: false, kindLabels: [], sections: body.sections });
  }
  return { metas, bodies, masks };
}

function policyFrom(v: PolicyVariant): Policy {
  const json = JSON.parse(JSON.stringify(defaultPolicy())) as Policy;
  const pp = json.purposes[v.purpose as keyof Policy['purposes']];
  pp.sections.allow = v.allow as string[];
  pp.sections.deny = v.deny;
  pp.labels.withheld = v.withheld as Ds4pLabel[];
  pp.labels.taskRelated = v.taskRelated as 'show' | 'withhold';
  pp.psychotherapyNotes = v.psychotherapy as 'show' | 'withhold';
  pp.identifiers.default = v.defaultMode;
  pp.identifiers.types = v.modes;
  json.identifierOperatingPoints!.viewing = v.viewing;
  return loadPolicy(json);
}

const encounter: EncounterRow = { id: 10, patientId: 1, givenName: 'Zebulon', familyName: 'Quagmirewright', mrn: 'MRN77881234', classCode: 'IMP', type: null, start: '2024-03-14', end: null, attending: 'Dr Xanthippe Vorlaufer' };

describe('view properties', () => {
  it('never serializes masked section text (any 12-char substring) or masked identifiers', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 5 }),
        policyVariant,
        fc.subarray([...DS4P_LABELS]),
        fc.array(grant, { maxLength: 2 }),
        (docs, variant, task, gens) => {
          const policy = policyFrom(variant);
          const { metas, bodies } = materialize(docs);
          const grants: ActiveGrant[] = gens.map((g, i) => ({
            id: i + 1,
            userId: 5,
            purpose: variant.purpose,
            kind: g.kind,
            scope: { patientId: g.otherPatient ? 2 : 1, sectionCodes: g.sectionCodes, labels: g.labels as ActiveGrant['scope']['labels'] },
            entitledLabels: g.entitled,
          }));
          const req: ViewRequest = { policy, purpose: variant.purpose, role: 'coder', userId: 5, patientId: 1, encounterId: 10, taskLabels: new Set(task), grants };
          const handles = new HandleTable();
          const chart = buildChartView(req, encounter, metas, { diagnoses: [], procedures: [], medications: [], labs: [] }, handles);
          ChartViewSchema.parse(chart);
          const docViews = metas.map((m) => buildDocumentView(req, m, bodies.get(m.id)!, handles));
          expect(chart.documents.length).toBe(docViews.filter(Boolean).length);
          for (const v of docViews) if (v) DocumentViewSchema.parse(v);
          const serialized = JSON.stringify({ chart, docViews });
          const pp = policy.purposes[variant.purpose];
          const g = relevantGrants(req);
          for (const m of metas) {
            const body = bodies.get(m.id)!;
            const decisions = decideDocument(req, m, g);
            body.sections.forEach((s, i) => {
              const text = body.text.slice(s.start, s.end);
              if (!decisions[i]!.visible) {
                for (let k = 0; k + 12 <= text.length; k++) expect(serialized).not.toContain(text.slice(k, k + 12));
              }
            });
            // Masked at the viewing operating point: every number-bearing type whatever its confidence,
            // the word-like types at or above the policy's threshold; a weaker word-like candidate
            // in a visible section is shown as written.
            for (const id of body.identifiers) {
              if (modeOf(pp, id.type) !== 'mask') continue;
              const value = body.text.slice(id.start, id.end);
              if (!THRESHOLDED_TYPES.has(id.type) || id.confidence >= variant.viewing) expect(serialized).not.toContain(value);
              else if (body.sections.some((s, i) => decisions[i]!.visible && s.start <= id.start && id.end <= s.end)) expect(serialized).toContain(value);
            }
          }
          for (const v of docViews) {
            for (const s of v?.sections ?? []) {
              if (s.visibility !== 'masked') continue;
              expect(Object.keys(s).sort()).toEqual(['rationale', 'requestHandle', 'ruleId', 'visibility']);
              expect(s.ruleId).toBe(pp.masked.id);
              expect(s.rationale).toBe(pp.masked.rationale);
            }
          }
          if (modeOf(pp, 'NAME') !== 'show') expect(serialized).not.toContain('Quagmirewright');
          if (modeOf(pp, 'MRN') !== 'show') expect(serialized).not.toContain('MRN77881234');
          // Handles never carry row ids.
          for (const h of serialized.match(/"[dsr]_[A-Za-z0-9_-]+"/g) ?? []) expect(h).toMatch(/^"[dsr]_[A-Za-z0-9_-]{16}"$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Sections with text (and identifier spans) fixed by position, so twins differ only where they are told to. */
function materializeAt(docs: Array<{ sections: GenSection[]; date: string | null }>) {
  let nextId = 1;
  const metas: DocumentMeta[] = [];
  const bodies = new Map<number, DocumentBody>();
  docs.forEach((d, di) => {
    const docId = nextId++;
    const body: DocumentBody = { text: '', identifiers: [], sections: [] };
    d.sections.forEach((g, ordinal) => {
      const start = body.text.length;
      const words = g.words.map((w, k) => `${w}${di}x${ordinal}x${k}q`);
      const title = words[0]!.toUpperCase();
      body.text += `${title}:\n`;
      // identifiers of any type and confidence: a masked section's (weak or strong) never shows either
      const idAt = new Map(g.ids.map((i) => [i.at % words.length, i]));
      words.slice(1).forEach((w, k) => {
        if (k) body.text += ' ';
        const id = idAt.get(k + 1);
        if (id) body.identifiers.push({ start: body.text.length, end: body.text.length + w.length, type: id.type, confidence: id.confidence });
        body.text += w;
      });
      body.text += '\n';
      body.sections.push({ id: nextId++, ordinal, start, end: body.text.length, loinc: g.loinc, title, labels: g.labels });
    });
    bodies.set(docId, body);
    metas.push({ id: docId, patientId: 1, encounterId: 10, docType: 'progress-note', title: 'Progress note', authoredAt: d.date, needsReview: false, kindLabels: [], sections: body.sections });
  });
  return { metas, bodies };
}

describe('view pairs', () => {
  it('a masked section replaced by any other masked section (code, labels, text) changes no view: titles, types, lists, placeholders', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 4 }),
        fc.array(section, { minLength: 20, maxLength: 20 }),
        policyVariant,
        fc.subarray([...DS4P_LABELS]),
        fc.array(grant, { maxLength: 2 }),
        (docs, alts, variant, task, gens) => {
          const policy = policyFrom(variant);
          const grants: ActiveGrant[] = gens.map((g, i) => ({
            id: i + 1,
            userId: 5,
            purpose: variant.purpose,
            kind: g.kind,
            scope: { patientId: g.otherPatient ? 2 : 1, sectionCodes: g.sectionCodes, labels: g.labels as ActiveGrant['scope']['labels'] },
            entitledLabels: g.entitled,
          }));
          const req: ViewRequest = { policy, purpose: variant.purpose, role: 'coder', userId: 5, patientId: 1, encounterId: 10, taskLabels: new Set(task), grants };
          const g = relevantGrants(req);
          const masked = (meta: DocumentMeta, i: number) => !decideDocument(req, meta, g)[i]!.visible;
          // The twin: every masked section swapped for an alternative that is masked too.
          const { metas } = materializeAt(docs);
          let n = 0;
          const twinDocs = docs.map((d, di) => ({
            ...d,
            sections: d.sections.map((s, i) => {
              if (!masked(metas[di]!, i)) return s;
              const alt = alts[n++ % alts.length]!;
              const probe = materializeAt([{ sections: [alt], date: d.date }]).metas[0]!;
              return masked(probe, 0) ? alt : s;
            }),
          }));
          const view = (ds: typeof docs) => {
            const { metas: ms, bodies } = materializeAt(ds);
            const handles = new HandleTable();
            const chart = buildChartView(req, encounter, ms, { diagnoses: [], procedures: [], medications: [], labs: [] }, handles);
            return numberHandles({ chart, docs: ms.map((m) => buildDocumentView(req, m, bodies.get(m.id)!, handles)) });
          };
          expect(view(twinDocs)).toEqual(view(docs));
        },
      ),
      { numRuns: 300 },
    );
  });
});
