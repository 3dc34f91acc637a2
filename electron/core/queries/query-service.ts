/**
 * Physician (coding) queries: drafts built from facts the coder selected in visible sections, the
 * compliance and minimum-necessary checks, the life cycle draft -> sent -> answered | withdrawn,
 * and exports (PDF or text) written by the main process to a path it asked the user for.
 *
 * Facts arrive as (section handle, offsets) and are stored as (document, section ordinal, offsets,
 * SHA-256 of the text then). Their text is re-derived from the caller's CURRENT view every time it
 * is shown or exported; a fact whose section is masked now, or whose text changed, is refused.
 */
import { saveExport, type PickSavePath } from '../save-path';
import { createHash } from 'node:crypto';
import type { MnFinding, QueryIssue, QueryStatus, QuerySummary, QueryView } from '../../../shared/coder-contract';
import type { AuditLog } from '../audit/audit-log';
import { actor, type AuthService } from '../auth/auth-service';
import type { Session } from '../auth/sessions';
import type { Clock } from '../clock';
import { NtkError } from '../errors';
import { knownIdentifierSource } from '../chart/known-identifiers';
import type { ChartKnownMatcher } from '../redaction/identifiers';
import { checkQuery, minimumNecessary, withStandardOptions } from './checks';
import { factSource, renderQueryText, type QueryDocument } from './query-document';
import { buildQueryPdf } from './query-pdf';
import { QueryStore, type FactRow, type NewFact, type QueryRow } from './query-store';
import type { CurrentSection, SectionSource } from './section-source';

/** Asks the user where to save an export (a main-process dialog; the e2e harness gives a tmp path). Null: cancelled. */

export interface QueryInputData {
  question: string;
  options: string[];
  facts: Array<{ sectionId: string; start: number; end: number }>;
}

/** Who may move a query from one state to another. */
const TRANSITIONS: Record<QueryStatus, readonly QueryStatus[]> = {
  draft: ['sent', 'withdrawn'],
  sent: ['answered', 'withdrawn'],
  answered: [],
  withdrawn: [],
};

export const canTransition = (from: QueryStatus, to: QueryStatus): boolean => TRANSITIONS[from].includes(to);

const sha = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');

interface DerivedFact {
  row: FactRow;
  section: CurrentSection | null;
  text: string | null;
}

export class QueryService {
  readonly store: QueryStore;

  constructor(
    private readonly db: ConstructorParameters<typeof QueryStore>[0],
    private readonly audit: AuditLog,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly source: SectionSource,
    private readonly pickSavePath?: PickSavePath,
  ) {
    this.store = new QueryStore(db);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** Turns renderer fact refs into stored facts, resolving each handle against the caller's current view. */
  private resolveFacts(session: Session, encounterId: number, facts: QueryInputData['facts']): NewFact[] {
    return facts.map((f) => {
      const resolved = this.source.resolveHandle(session, f.sectionId);
      if (!resolved) throw new NtkError('FORBIDDEN', 'A selected fact is not in a section visible to you.');
      if (resolved.encounterId !== encounterId) throw new NtkError('BAD_REQUEST', 'A selected fact belongs to another encounter.');
      const current = this.source.current(session, resolved, encounterId);
      if (!current || f.end > current.text.length) throw new NtkError('FORBIDDEN', 'A selected fact is not in a section visible to you.');
      const text = current.text.slice(f.start, f.end);
      if (!text.trim()) throw new NtkError('BAD_REQUEST', 'A selected fact is empty.');
      return { documentId: resolved.documentId, sectionOrdinal: resolved.sectionOrdinal, start: f.start, end: f.end, textSha256: sha(text) };
    });
  }

  private derive(session: Session, encounterId: number, row: FactRow): DerivedFact {
    const section = this.source.current(session, row, encounterId);
    if (!section || row.end > section.text.length) return { row, section: null, text: null };
    const text = section.text.slice(row.start, row.end);
    return sha(text) === row.textSha256 ? { row, section, text } : { row, section: null, text: null };
  }

  private own(session: Session, id: number, write: boolean): QueryRow {
    const q = this.store.byId(id);
    const mayRead = q && (q.author_id === session.userId || (!write && (session.role === 'supervisor' || session.role === 'privacy_officer')));
    if (!q || !mayRead) throw new NtkError('NOT_FOUND', 'No such query.');
    return q;
  }

  /** The chart-aware identifier matcher of the encounter's patient. */
  private knownFor(encounterId: number): ChartKnownMatcher | undefined {
    const e = this.db.prepare('SELECT patient_id FROM encounter WHERE id = ?').get(encounterId) as { patient_id: number } | undefined;
    return e ? knownIdentifierSource(this.db).forPatient(e.patient_id)?.matcher : undefined;
  }

  private checks(q: QueryRow, facts: DerivedFact[]): { issues: QueryIssue[]; findings: MnFinding[] } {
    const input = {
      question: q.question,
      options: JSON.parse(q.options_json) as string[],
      facts: facts.map((f) => ({ text: f.text, labels: f.section?.labels ?? [] })),
      hasProvider: q.provider_id !== null,
      known: this.knownFor(q.encounter_id),
    };
    return { issues: checkQuery(input), findings: minimumNecessary(input) };
  }

  private view(session: Session, q: QueryRow): { view: QueryView; facts: DerivedFact[] } {
    const facts = this.store.facts(q.id).map((r) => this.derive(session, q.encounter_id, r));
    const { issues, findings } = this.checks(q, facts);
    const view: QueryView = {
      id: q.id,
      encounterId: q.encounter_id,
      status: q.status,
      question: q.question,
      options: withStandardOptions(JSON.parse(q.options_json) as string[]),
      provider: this.store.providerName(q.provider_id),
      facts: facts.map((f) => ({
        id: f.row.id,
        ordinal: f.row.ordinal,
        text: f.text,
        documentTitle: f.section?.documentTitle ?? 'Not available',
        sectionTitle: f.section?.sectionTitle ?? '',
        date: f.section?.date ?? null,
      })),
      issues,
      findings,
      answer: q.answer_option ? { option: q.answer_option, note: q.answer_note, at: q.answered_at ?? q.updated_at } : null,
      createdAt: q.created_at,
      updatedAt: q.updated_at,
      sentAt: q.sent_at,
      exports: q.export_count,
    };
    return { view, facts };
  }

  private auditQuery(session: Session, q: QueryRow, eventType: string, action: 'C' | 'R' | 'U' | 'E', detail: Record<string, string | number | boolean | null> = {}): void {
    const enc = this.store.encounter(q.encounter_id);
    this.audit.append({ ...actor(session), purpose: session.purpose?.purpose ?? null, action, eventType, outcome: 'success', patientId: enc?.patientId ?? null, encounterId: q.encounter_id, detail: { queryId: q.id, ...detail } });
  }

  /** Writing a query needs a purpose declared for its encounter (the facts come from that view). */
  private requirePurposeFor(session: Session, encounterId: number): void {
    const ctx = session.purpose;
    if (!ctx || ctx.encounterId !== encounterId) {
      throw new NtkError('FORBIDDEN', 'Open the chart under a declared purpose before writing a query for it.');
    }
  }

  create(session: Session, encounterId: number, input: QueryInputData): QueryView {
    this.requirePurposeFor(session, encounterId);
    const enc = this.store.encounter(encounterId);
    if (!enc) throw new NtkError('NOT_FOUND', 'No such encounter.');
    const facts = this.resolveFacts(session, encounterId, input.facts);
    const id = this.store.insert({ encounterId, authorId: session.userId, question: input.question, options: ownOptions(input.options), providerId: enc.providerId, now: this.now() }, facts);
    const q = this.store.byId(id)!;
    this.auditQuery(session, q, 'query.create', 'C', { facts: facts.length });
    return this.view(session, q).view;
  }

  /** Edits a draft; without `facts` the stored facts are kept. */
  update(session: Session, id: number, input: Omit<QueryInputData, 'facts'> & { facts?: QueryInputData['facts'] }): QueryView {
    const q = this.own(session, id, true);
    if (q.status !== 'draft') throw new NtkError('CONFLICT', 'Only a draft query can be edited.');
    this.requirePurposeFor(session, q.encounter_id);
    const facts = input.facts ? this.resolveFacts(session, q.encounter_id, input.facts) : undefined;
    this.store.update(id, { question: input.question, options: ownOptions(input.options), now: this.now() }, facts);
    const next = this.store.byId(id)!;
    this.auditQuery(session, next, 'query.update', 'U', { facts: this.store.facts(id).length });
    return this.view(session, next).view;
  }

  get(session: Session, id: number): QueryView {
    return this.view(session, this.own(session, id, false)).view;
  }

  list(session: Session, filter: { encounterId?: number; status?: QueryStatus }): QuerySummary[] {
    const all = session.role === 'supervisor' || session.role === 'privacy_officer';
    return this.store.list({ ...filter, authorId: all ? undefined : session.userId }).map((r) => ({
      id: r.id,
      encounterId: r.encounter_id,
      status: r.status,
      question: r.question,
      factCount: r.fact_count,
      updatedAt: r.updated_at,
    }));
  }

  private document(session: Session, q: QueryRow, facts: DerivedFact[]): QueryDocument {
    return {
      queryId: q.id,
      encounterId: q.encounter_id,
      provider: this.store.providerName(q.provider_id),
      from: session.displayName,
      date: this.now().slice(0, 10),
      facts: facts.map((f) => ({ text: f.text ?? '', source: f.section ? factSource(f.section) : '' })),
      question: q.question,
      options: withStandardOptions(JSON.parse(q.options_json) as string[]),
    };
  }

  preview(session: Session, id: number): { text: string; query: QueryView } {
    const q = this.own(session, id, false);
    const { view, facts } = this.view(session, q);
    return { text: renderQueryText(this.document(session, q, facts.filter((f) => f.text !== null))), query: view };
  }

  async export(session: Session, sessionKey: string, id: number, format: 'pdf' | 'text', justifications: Record<string, string>): Promise<{ bytes: number; sha256: string; status: QueryStatus }> {
    this.auth.requireReauthFor(sessionKey, 'exportQuery');
    const q = this.own(session, id, true);
    if (q.status === 'withdrawn') throw new NtkError('CONFLICT', 'A withdrawn query cannot be exported.');
    this.requirePurposeFor(session, q.encounter_id);
    const { view, facts } = this.view(session, q);
    if (facts.some((f) => f.text === null)) {
      this.auditQuery(session, q, 'query.export', 'E', { refused: 'fact-unavailable' });
      throw new NtkError('FORBIDDEN', 'A clinical indicator in this query is no longer visible to you; remove it before exporting.');
    }
    const errors = view.issues.filter((i) => i.severity === 'error');
    if (errors.length) throw new NtkError('CONFLICT', errors.map((e) => e.message).join(' '));
    const unresolved = view.findings.filter((f) => !justifications[f.id]?.trim());
    if (unresolved.length) {
      throw new NtkError('CONFLICT', `${unresolved.length} identifier(s) or sensitive label(s) in this query need to be removed or justified.`);
    }
    const doc = this.document(session, q, facts);
    const bytes = format === 'pdf' ? await buildQueryPdf(doc, this.clock.now()) : new TextEncoder().encode(renderQueryText(doc));
    return saveExport(this.pickSavePath, { defaultName: `physician-query-${q.id}.${format === 'pdf' ? 'pdf' : 'txt'}`, format }, bytes, () => {
      const digest = sha(bytes);
      this.store.countExport(q.id);
      if (q.status === 'draft') this.store.setStatus(q.id, 'sent', this.now());
      this.auditQuery(session, q, 'query.export', 'E', {
        format,
        factIds: facts.map((f) => f.row.id).join(','),
        sha256: digest,
        bytes: bytes.length,
        justified: view.findings.length,
      });
      return { bytes: bytes.length, sha256: digest, status: this.store.byId(q.id)!.status };
    });
  }

  setStatus(session: Session, id: number, status: 'sent' | 'answered' | 'withdrawn', answer?: { option?: string; note?: string }): QueryView {
    const q = this.own(session, id, true);
    if (!canTransition(q.status, status)) throw new NtkError('CONFLICT', `A ${q.status} query cannot become ${status}.`);
    let recorded: { option: string; note: string | null } | undefined;
    if (status === 'answered') {
      const options = withStandardOptions(JSON.parse(q.options_json) as string[]);
      const option = answer?.option?.trim();
      if (!option || !options.includes(option)) throw new NtkError('BAD_REQUEST', 'Record which of the query options the provider chose.');
      const note = answer?.note?.trim() || null;
      if (/^other\b/i.test(option) && !note) throw new NtkError('BAD_REQUEST', 'Record the provider\u2019s own answer for "Other".');
      recorded = { option, note };
    }
    this.store.setStatus(id, status, this.now(), recorded);
    const next = this.store.byId(id)!;
    this.auditQuery(session, next, `query.${status}`, 'U');
    return this.view(session, next).view;
  }
}

const ownOptions = (options: readonly string[]): string[] => withStandardOptions(options).slice(0, -2);
