/**
 * The view builder: (chart, encounter, user, role, purpose, grants) → the view the renderer may
 * receive. Pure over already-loaded rows (see chart-reader.ts), so the same code serves the app,
 * `ntk redact` and the property tests.
 *
 * openChart-level views need only metadata (document list with section codes and labels, the
 * structured lists); one document's text is rendered only when that document is opened.
 */
import type { ChartView, DocumentSummary, DocumentView, SectionView } from '../../../../shared/chart-contract';
import type { ActiveGrant } from '../../../../shared/access-types';
import { decide, grantsCovering, purposePolicy, relevantGrants, type Decision } from './decide';
import type { HandleTable } from './handles';
import { renderRange, renderValue, viewingIdentifiers, type Rendered } from './render';
import type { CodedRow, DocumentBody, DocumentMeta, EncounterRow, SectionRow, StructuredRows, ViewRequest } from './types';
import type { Ds4pLabel } from '../types';

/** What the audit log records about a view: rule ids applied, grants used, codes and labels shown. */
export interface ViewFacts {
  ruleIds: Set<string>;
  grantIds: Set<number>;
  visibleCodes: string[];
  visibleLabels: Set<Ds4pLabel>;
  maskedCount: number;
}

export const newFacts = (): ViewFacts => ({ ruleIds: new Set(), grantIds: new Set(), visibleCodes: [], visibleLabels: new Set(), maskedCount: 0 });

function note(facts: ViewFacts, d: Decision): void {
  for (const r of d.ruleIds) facts.ruleIds.add(r);
  if (d.visible) for (const g of d.grantIds) facts.grantIds.add(g);
}

/** The labels a section is decided on: its own and its document kind's (see DocumentMeta.kindLabels). */
function sectionLabels(s: { labels: readonly Ds4pLabel[] }, kind: readonly Ds4pLabel[]): readonly Ds4pLabel[] {
  if (!kind.length) return s.labels;
  return [...new Set([...kind, ...s.labels])];
}

/** Decisions for every section of a document, in order. */
export function decideDocument(
  req: ViewRequest,
  meta: Pick<DocumentMeta, 'encounterId' | 'authoredAt' | 'sections' | 'kindLabels'>,
  grants: readonly ActiveGrant[],
): Decision[] {
  const covering = grantsCovering(grants, meta.encounterId, meta.authoredAt);
  return meta.sections.map((s) => decide(req, s.loinc, sectionLabels(s, meta.kindLabels), covering));
}

/** True when a document has something to list: at least one section visible. */
export const isListed = (decisions: readonly Decision[]): boolean => decisions.some((d) => d.visible);

/**
 * A document's list entry, or null when every section is masked (such documents are left out, not
 * shown as blanks, whatever masked them). What is listed comes from the document's own record only
 * (type, title and date as the source recorded them): never from which of its sections are masked
 * or why, so a document with a hidden sensitive section lists exactly like one without. A kind that
 * names sensitive content (a psychotherapy note) masks every section (decideDocument), so such a
 * title is never listed where its content could not be seen.
 */
export function summarize(req: ViewRequest, meta: DocumentMeta, decisions: readonly Decision[], handles: HandleTable): DocumentSummary | null {
  if (!isListed(decisions)) return null;
  const pp = purposePolicy(req);
  return {
    id: handles.handle({ kind: 'document', documentId: meta.id, patientId: meta.patientId, encounterId: req.encounterId }),
    docType: meta.docType ?? 'note',
    title: meta.title ?? 'Untitled document',
    date: renderValue(pp, 'DATE', meta.authoredAt),
    needsReview: meta.needsReview,
  };
}

function structuredList<T extends CodedRow>(req: ViewRequest, rows: readonly T[], grants: readonly ActiveGrant[], facts: ViewFacts): T[] {
  const pp = purposePolicy(req);
  const out: T[] = [];
  for (const r of rows) {
    const d = decide(req, null, r.labels, grantsCovering(grants, req.encounterId, r.date));
    note(facts, d);
    if (d.visible) out.push({ ...r, date: renderValue(pp, 'DATE', r.date) });
  }
  return out;
}

export function buildChartView(
  req: ViewRequest,
  encounter: EncounterRow,
  docs: readonly DocumentMeta[],
  structured: StructuredRows,
  handles: HandleTable,
  facts: ViewFacts = newFacts(),
): ChartView {
  const pp = purposePolicy(req);
  const grants = relevantGrants(req);
  const documents: DocumentSummary[] = [];
  for (const meta of docs) {
    const decisions = decideDocument(req, meta, grants);
    decisions.forEach((d) => note(facts, d));
    const s = summarize(req, meta, decisions, handles);
    if (s) documents.push(s);
  }
  const allow = new Set(pp.structured.allow);
  const coded = (rows: readonly CodedRow[]) => structuredList(req, rows, grants, facts).map(({ system, code, display, date }) => ({ system, code, display, date }));
  const name = [encounter.givenName, encounter.familyName].filter(Boolean).join(' ');
  return {
    encounter: {
      id: encounter.id,
      patientLabel: renderValue(pp, 'NAME', name) ?? '[NAME]',
      mrn: renderValue(pp, 'MRN', encounter.mrn) === encounter.mrn ? encounter.mrn : null,
      classCode: encounter.classCode,
      type: encounter.type,
      start: renderValue(pp, 'DATE', encounter.start),
      end: renderValue(pp, 'DATE', encounter.end),
      attending: renderValue(pp, 'PROVIDER_NAME', encounter.attending),
    },
    purpose: req.purpose,
    documents,
    structured: {
      diagnoses: allow.has('diagnoses') ? coded(structured.diagnoses) : [],
      procedures: allow.has('procedures') ? coded(structured.procedures) : [],
      medications: allow.has('medications') ? coded(structured.medications) : [],
      labs: allow.has('labs')
        ? structuredList(req, structured.labs, grants, facts).map(({ system, code, display, date, value, unit, flag }) => ({ system, code, display, date, value, unit, flag }))
        : [],
    },
  };
}

/**
 * A visible section's rendered text and title (identifiers applied to both). Views mask at the
 * policy's `viewing` operating point (operating-points.ts: weak name, place and date candidates are
 * shown, every number-bearing identifier stays masked); what leaves the app (queries, packets,
 * de-identified export) is checked again at the `disclosure` point by its own code.
 */
function renderSection(req: ViewRequest, body: DocumentBody, s: SectionRow): Rendered & { title: string } {
  const pp = purposePolicy(req);
  const identifiers = viewingIdentifiers(req.policy, body.identifiers);
  const rendered = renderRange(body.text, s.start, s.end, identifiers, pp);
  let title = s.title;
  const at = s.title ? body.text.indexOf(s.title, s.start) : -1;
  if (at >= 0 && at < s.end && identifiers.some((i) => i.start < at + s.title.length && i.end > at)) {
    title = renderRange(body.text, at, at + s.title.length, identifiers, pp).text;
  }
  return { ...rendered, title };
}

/** What a visible section shows (the chart view's section and a resolved section alike). */
export function visibleSection(req: ViewRequest, body: DocumentBody, s: SectionRow, d: Decision) {
  const r = renderSection(req, body, s);
  return { loinc: s.loinc, title: r.title, text: r.text, tokens: r.tokens, labels: [...s.labels], ruleId: d.ruleIds[d.ruleIds.length - 1]! };
}

/**
 * One document's view: visible sections rendered, runs of masked sections collapsed into one
 * placeholder (so the number of hidden sections is not shown). Null when nothing is visible.
 * A placeholder says nothing of why it masks: a run masked for a label and one masked by the
 * purpose's section rule look the same (test/unit/redaction/views/view-properties.test.ts, "view
 * pairs"). A bar that names what the user may know (a section the purpose's rule leaves out) must
 * derive the name from the section rule alone, never from labels: the property's twin then keeps
 * each rule-masked section as it is and swaps label-masked sections only for other label-masked ones.
 */
export function buildDocumentView(
  req: ViewRequest,
  meta: DocumentMeta,
  body: DocumentBody,
  handles: HandleTable,
  facts: ViewFacts = newFacts(),
): DocumentView | null {
  const pp = purposePolicy(req);
  const grants = relevantGrants(req);
  const rows = body.sections;
  const decisions = decideDocument(req, { ...meta, sections: rows }, grants);
  const summary = summarize(req, meta, decisions, handles);
  if (!summary) return null;
  const sections: SectionView[] = [];
  let run: number[] = [];
  const flush = () => {
    if (!run.length) return;
    sections.push({
      visibility: 'masked',
      requestHandle: handles.handle({ kind: 'request', documentId: meta.id, sectionIds: run, patientId: meta.patientId, encounterId: req.encounterId }),
      ruleId: pp.masked.id,
      rationale: pp.masked.rationale,
    });
    facts.maskedCount += run.length;
    run = [];
  };
  rows.forEach((s, i) => {
    const d = decisions[i]!;
    note(facts, d);
    if (!d.visible) {
      run.push(s.id);
      return;
    }
    flush();
    facts.visibleCodes.push(s.loinc);
    for (const l of sectionLabels(s, meta.kindLabels)) facts.visibleLabels.add(l);
    sections.push({
      visibility: 'visible',
      id: handles.handle({ kind: 'section', sectionId: s.id, documentId: meta.id, patientId: meta.patientId, encounterId: req.encounterId }),
      ...visibleSection(req, body, s, d),
    });
  });
  flush();
  return { ...summary, sections };
}
