/**
 * The chart-view service: declares a session's purpose, opens charts and documents as views,
 * searches visible text, and resolves handles for other main-process modules (queries and dispute
 * packets re-derive text from a section handle here, never from renderer text). Every open is
 * audited with the patient, encounter and document ids, the purpose and the rule ids applied.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ActiveGrant } from '../../../../shared/access-types';
import type { ChartView, DocumentView } from '../../../../shared/chart-contract';
import type { Purpose } from '../../../../shared/purposes';
import type { Role } from '../../../../shared/roles';
import type { AuditEventInput, AuditLog } from '../../audit/audit-log';
import type { PurposeContext } from '../../auth/sessions';
import { NtkError } from '../../errors';
import { roleMayUse, type Policy } from '../policy';
import type { Ds4pLabel } from '../types';
import { buildChartView, buildDocumentView, decideDocument, isListed, newFacts, summarize, visibleSection, type ViewFacts } from './build';
import { relevantGrants } from './decide';
import { ChartReader } from './chart-reader';
import { grantGivesEncounter, NO_WORK, type WorkSource } from './entitlement';
import { HandleTable } from './handles';
import type { TokenMark } from './render';
import type { DocumentMeta, EncounterRow, ViewRequest } from './types';

/** Where active grants come from: the access service plugs in here (default: no grants). */
export interface GrantSource {
  activeGrants(userId: number): ActiveGrant[];
}
export const NO_GRANTS: GrantSource = { activeGrants: () => [] };

/** Who is looking: a main-process session (or the CLI's stand-in for one). */
export interface Viewer {
  userId: number;
  username: string;
  role: Role;
  purpose: PurposeContext | null;
}

/** A visible section as other main-process modules may use it: rendered text plus its source. */
export interface ResolvedSection {
  sectionHandle: string;
  sectionId: number;
  loinc: string;
  title: string;
  /** The section text with identifiers masked/generalized as the purpose's policy says. */
  text: string;
  tokens: TokenMark[];
  labels: Ds4pLabel[];
  ruleId: string;
  purpose: Purpose;
  patientId: number;
  encounterId: number;
  document: { id: number; handle: string; docType: string; title: string; date: string | null };
}

/** What a masked placeholder's request handle stands for (for the access service: main process only). */
export interface RequestTarget {
  patientId: number;
  encounterId: number;
  documentId: number;
  documentDate: string | null;
  sectionIds: number[];
  sectionCodes: string[];
  labels: Ds4pLabel[];
  purpose: Purpose;
}

export type ExpandedChartView = Omit<ChartView, 'documents'> & { documents: DocumentView[] };

const actorOf = (v: Viewer): Pick<AuditEventInput, 'userId' | 'username' | 'role' | 'purpose'> => ({
  userId: v.userId,
  username: v.username,
  role: v.role,
  purpose: v.purpose?.purpose ?? null,
});

export type UseListener = (use: { patientId: number; documentId: number | null }) => void;

export class ChartViews {
  readonly reader: ChartReader;
  private readonly tables = new WeakMap<PurposeContext, HandleTable>();

  constructor(
    db: Database,
    readonly policy: Policy,
    private readonly audit: AuditLog,
    private grants: GrantSource = NO_GRANTS,
  ) {
    this.reader = new ChartReader(db);
  }

  private onUse: UseListener = () => {};

  /** Told whenever a chart or a document is opened (the retention clock restarts on use). */
  setUseListener(fn: UseListener): void {
    this.onUse = fn;
  }

  /** Plugs in the access service's grants (backend wiring). */
  useGrants(source: GrantSource): void {
    this.grants = source;
  }

  private work: WorkSource = NO_WORK;

  /** Plugs in the worklists that give a viewer its encounters (backend wiring; default: none). */
  useWorklists(source: WorkSource): void {
    this.work = source;
  }

  /** Whether the viewer's worklist, or an active grant for this purpose, gives it this encounter now. */
  private entitled(viewer: Viewer, purpose: Purpose, e: EncounterRow): boolean {
    if (this.work.onWorklist(viewer, purpose, e.id)) return true;
    return this.grants.activeGrants(viewer.userId).some((g) => grantGivesEncounter(g, viewer.userId, purpose, e));
  }

  private refuse(viewer: Viewer, purpose: Purpose, eventType: string, e: EncounterRow): never {
    this.audit.append({ ...actorOf(viewer), purpose, action: 'E', eventType, outcome: 'denied', patientId: e.patientId, encounterId: e.id, detail: { reason: 'not-on-worklist' } });
    throw new NtkError('FORBIDDEN', 'This encounter is not on your worklist and no access grant gives it to you.');
  }

  /**
   * Sets the session's purpose for one encounter, after checking the role may use the purpose and
   * that the viewer's worklist or a grant gives it the encounter; audited either way. A refused
   * declaration leaves the session as it was.
   */
  declarePurpose(viewer: Viewer, purpose: Purpose, encounterId: number): { purpose: Purpose } {
    const pp = this.policy.purposes[purpose];
    if (!roleMayUse(this.policy, viewer.role, purpose)) {
      this.audit.append({ ...actorOf(viewer), purpose, action: 'E', eventType: 'purpose.declare', outcome: 'denied', encounterId, ruleIds: [pp.roles.id] });
      throw new NtkError('FORBIDDEN', 'Your role may not work under this purpose.');
    }
    const e = this.encounter(encounterId);
    if (!this.entitled(viewer, purpose, e)) this.refuse(viewer, purpose, 'purpose.declare', e);
    viewer.purpose = { purpose, encounterId, patientId: e.patientId };
    this.audit.append({ ...actorOf(viewer), action: 'E', eventType: 'purpose.declare', outcome: 'success', patientId: e.patientId, encounterId, ruleIds: [pp.roles.id] });
    return { purpose };
  }

  private context(viewer: Viewer): PurposeContext {
    const ctx = viewer.purpose;
    if (!ctx) throw new NtkError('PURPOSE_REQUIRED', 'Declare a purpose of use before opening a chart.');
    if (!roleMayUse(this.policy, viewer.role, ctx.purpose)) throw new NtkError('FORBIDDEN', 'Your role may not work under this purpose.');
    return ctx;
  }

  /**
   * The declared purpose, checked at use: declared for this very encounter, and the encounter still
   * given to the viewer (its worklist or a grant) — a claim by another coder, a reversed denial or a
   * revoked grant since the declaration refuses here.
   */
  private bound(viewer: Viewer, encounterId: number, eventType: string): { ctx: PurposeContext; e: EncounterRow } {
    const ctx = this.context(viewer);
    if (ctx.encounterId !== encounterId) throw new NtkError('FORBIDDEN', 'The declared purpose is for another encounter; declare it for this one.');
    const e = this.encounter(encounterId);
    if (!this.entitled(viewer, ctx.purpose, e)) this.refuse(viewer, ctx.purpose, eventType, e);
    return { ctx, e };
  }

  /** Like bound(), for main-process callers that take "nothing" for an answer (queries, packets): null instead of a refusal. */
  private boundOrNull(viewer: Viewer, encounterId: number): { ctx: PurposeContext; e: EncounterRow } | null {
    const ctx = viewer.purpose;
    if (!ctx || ctx.encounterId !== encounterId || !roleMayUse(this.policy, viewer.role, ctx.purpose)) return null;
    const e = this.reader.encounter(encounterId);
    return e && this.entitled(viewer, ctx.purpose, e) ? { ctx, e } : null;
  }

  private table(ctx: PurposeContext): HandleTable {
    let t = this.tables.get(ctx);
    if (!t) this.tables.set(ctx, (t = new HandleTable()));
    return t;
  }

  private request(viewer: Pick<Viewer, 'userId' | 'role'>, ctx: PurposeContext, e: EncounterRow, active: readonly ActiveGrant[] = this.grants.activeGrants(viewer.userId)): ViewRequest {
    return {
      policy: this.policy,
      purpose: ctx.purpose,
      role: viewer.role,
      userId: viewer.userId,
      patientId: e.patientId,
      encounterId: e.id,
      taskLabels: this.reader.taskLabels(e.id, ctx.purpose),
      grants: relevantGrants({ grants: active, userId: viewer.userId, patientId: e.patientId, purpose: ctx.purpose }),
    };
  }

  private encounter(id: number): EncounterRow {
    const e = this.reader.encounter(id);
    if (!e) throw new NtkError('NOT_FOUND', 'No such encounter.');
    return e;
  }

  private docs(req: ViewRequest): DocumentMeta[] {
    return this.reader.documents(req.patientId, req.encounterId, this.policy.purposes[req.purpose].documents);
  }

  private auditView(viewer: Viewer, eventType: string, req: ViewRequest, facts: ViewFacts, documentId: number | null, detail: AuditEventInput['detail'] = {}): void {
    this.audit.append({
      ...actorOf(viewer),
      action: 'R',
      eventType,
      outcome: 'success',
      patientId: req.patientId,
      encounterId: req.encounterId,
      documentId,
      labels: [...facts.visibleLabels],
      ruleIds: [...facts.ruleIds].sort(),
      detail: {
        ...detail,
        ...(facts.grantIds.size ? { grants: [...facts.grantIds].sort((a, b) => a - b).join(',') } : {}),
        ...(documentId !== null ? { sections: [...new Set(facts.visibleCodes)].join(','), masked: facts.maskedCount } : {}),
      },
    });
  }

  /** The chart: header, document list (no text), structured lists. Needs a declared purpose. */
  openChart(viewer: Viewer, encounterId: number): ChartView {
    const { ctx, e } = this.bound(viewer, encounterId, 'chart.open');
    const req = this.request(viewer, ctx, e);
    const facts = newFacts();
    const view = buildChartView(req, e, this.docs(req), this.reader.structured(e.id), this.table(ctx), facts);
    this.auditView(viewer, 'chart.open', req, facts, null, { documents: view.documents.length });
    this.onUse({ patientId: req.patientId, documentId: null });
    return view;
  }

  private resolveDocument(viewer: Viewer, handle: string): { ctx: PurposeContext; req: ViewRequest; meta: DocumentMeta } {
    const t = this.table(this.context(viewer)).resolve(handle);
    if (!t || t.kind !== 'document') throw new NtkError('NOT_FOUND', 'No such document.');
    const { ctx, e } = this.bound(viewer, t.encounterId, 'document.open');
    const meta = this.reader.document(t.documentId);
    if (!meta) throw new NtkError('NOT_FOUND', 'No such document.');
    return { ctx, req: this.request(viewer, ctx, e), meta };
  }

  /** One document's sections, visible ones rendered, masked ones as placeholders. Audited. */
  openDocument(viewer: Viewer, handle: string): DocumentView {
    const { ctx, req, meta } = this.resolveDocument(viewer, handle);
    const facts = newFacts();
    const view = buildDocumentView(req, meta, this.reader.body(meta.id), this.table(ctx), facts);
    if (!view) throw new NtkError('NOT_FOUND', 'No such document.');
    this.auditView(viewer, 'document.open', req, facts, meta.id);
    this.onUse({ patientId: req.patientId, documentId: meta.id });
    return view;
  }

  /**
   * How many documents openChart would list for each encounter under `purpose` (the worklist's
   * document counts): the same reader, decisions and grants as the chart, so the two never disagree
   * and neither counts what is left out. Not audited (no PHI: a number per encounter the caller lists).
   */
  listedDocumentCounts(viewer: Pick<Viewer, 'userId' | 'role'>, purpose: Purpose, encounterIds: readonly number[]): Map<number, number> {
    const out = new Map<number, number>();
    if (!roleMayUse(this.policy, viewer.role, purpose)) return out;
    const ctx: PurposeContext = { purpose, encounterId: null, patientId: null };
    const active = this.grants.activeGrants(viewer.userId);
    for (const id of encounterIds) {
      const e = this.reader.encounter(id);
      if (!e) continue;
      const req = this.request(viewer, ctx, e, active);
      out.set(id, this.docs(req).filter((meta) => isListed(decideDocument(req, meta, req.grants))).length);
    }
    return out;
  }

  /** Every listed document expanded (for `ntk redact`): the same builder, one audit event per document. */
  expandedView(viewer: Viewer, encounterId: number): ExpandedChartView {
    const chart = this.openChart(viewer, encounterId);
    return { ...chart, documents: chart.documents.map((d) => this.openDocument(viewer, d.id)) };
  }

  /** Occurrences of `query` in the visible, rendered text only (masked text is never searched). */
  findInChart(viewer: Viewer, encounterId: number, query: string): { hits: Array<{ documentId: string; sectionId: string; count: number }>; total: number } {
    const { ctx, e } = this.bound(viewer, encounterId, 'chart.search');
    const req = this.request(viewer, ctx, e);
    const needle = query.toLowerCase();
    const hits: Array<{ documentId: string; sectionId: string; count: number }> = [];
    let total = 0;
    const facts = newFacts();
    const table = this.table(ctx);
    for (const meta of this.docs(req)) {
      if (!isListed(decideDocument(req, meta, req.grants))) continue;
      const view = buildDocumentView(req, meta, this.reader.body(meta.id), table, facts);
      if (!view) continue;
      for (const s of view.sections) {
        if (s.visibility !== 'visible') continue;
        const count = countOf(s.text.toLowerCase(), needle);
        if (count) {
          hits.push({ documentId: view.id, sectionId: s.id, count });
          total += count;
        }
      }
    }
    this.auditView(viewer, 'chart.search', req, { ...facts, visibleLabels: new Set(), visibleCodes: [] }, null, { hits: total });
    return { hits, total };
  }

  /**
   * A visible section's rendered text and source, re-derived from the store under the viewer's
   * current purpose and grants; null when the handle is unknown to this session or the section is
   * (now) masked. Not audited here: the caller audits what it does with the text.
   */
  resolveVisibleSection(viewer: Viewer, sectionHandle: string): ResolvedSection | null {
    const ctx = viewer.purpose;
    if (!ctx) return null;
    const table = this.table(ctx);
    const t = table.resolve(sectionHandle);
    if (!t || t.kind !== 'section' || !this.boundOrNull(viewer, t.encounterId)) return null;
    const e = this.reader.encounter(t.encounterId);
    const meta = e && this.reader.document(t.documentId);
    if (!e || !meta) return null;
    const req = this.request(viewer, ctx, e);
    const body = this.reader.body(meta.id);
    const decisions = decideDocument(req, { ...meta, sections: body.sections }, req.grants);
    const i = body.sections.findIndex((s) => s.id === t.sectionId);
    const d = decisions[i];
    if (i < 0 || !d?.visible) return null;
    const s = body.sections[i]!;
    const summary = summarize(req, meta, decisions, table)!;
    return {
      sectionHandle,
      sectionId: s.id,
      ...visibleSection(req, body, s, d),
      purpose: ctx.purpose,
      patientId: e.patientId,
      encounterId: e.id,
      document: { id: meta.id, handle: summary.id, docType: summary.docType, title: summary.title, date: summary.date },
    };
  }

  /**
   * A section by its stored id, for saved work that outlives a purpose's handles (physician query
   * facts): what resolveVisibleSection gives under the viewer's CURRENT purpose and grants, in the
   * chart of `encounterId`; null when it is masked now, not in that chart, or the purpose was
   * declared for another encounter.
   */
  resolveSectionById(viewer: Viewer, encounterId: number, documentId: number, sectionId: number): ResolvedSection | null {
    const bound = this.boundOrNull(viewer, encounterId);
    if (!bound) return null;
    const { ctx, e } = bound;
    const req = this.request(viewer, ctx, e);
    if (!this.docs(req).some((d) => d.id === documentId)) return null;
    const handle = this.table(ctx).handle({ kind: 'section', sectionId, documentId, patientId: e.patientId, encounterId });
    return this.resolveVisibleSection(viewer, handle);
  }

  /** The stored id behind a document handle of the viewer's current purpose (main process only: the PHI audit). */
  documentIdOf(viewer: Viewer, handle: string): number | null {
    const t = viewer.purpose ? this.table(viewer.purpose).resolve(handle) : undefined;
    return t?.kind === 'document' ? t.documentId : null;
  }

  /** What a masked placeholder's request handle covers (main process only: for access requests). */
  resolveRequestHandle(viewer: Viewer, requestHandle: string): RequestTarget | null {
    const ctx = viewer.purpose;
    if (!ctx) return null;
    const t = this.table(ctx).resolve(requestHandle);
    if (!t || t.kind !== 'request') return null;
    const meta = this.reader.document(t.documentId);
    if (!meta) return null;
    const wanted = new Set(t.sectionIds);
    const sections = meta.sections.filter((s) => wanted.has(s.id));
    return {
      patientId: t.patientId,
      encounterId: t.encounterId,
      documentId: t.documentId,
      documentDate: meta.authoredAt,
      sectionIds: sections.map((s) => s.id),
      sectionCodes: [...new Set(sections.map((s) => s.loinc))],
      labels: [...new Set([...meta.kindLabels, ...sections.flatMap((s) => s.labels)])],
      purpose: ctx.purpose,
    };
  }
}

function countOf(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}
