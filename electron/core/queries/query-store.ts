/** Rows of coding_query / coding_query_fact (migration 0007). No text of the chart is stored here. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { StatementCache } from '../db/statements';
import type { QueryStatus } from '../../../shared/coder-contract';
import type { SectionAddress } from './section-source';

export interface QueryRow {
  id: number;
  encounter_id: number;
  author_id: number;
  status: QueryStatus;
  question: string;
  options_json: string;
  provider_id: number | null;
  answer_option: string | null;
  answer_note: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  answered_at: string | null;
  withdrawn_at: string | null;
  export_count: number;
}

export interface FactRow extends SectionAddress {
  id: number;
  ordinal: number;
  start: number;
  end: number;
  textSha256: string;
}

export interface NewFact extends SectionAddress {
  start: number;
  end: number;
  textSha256: string;
}

export class QueryStore {
  private readonly stmts: StatementCache;

  constructor(private readonly db: Database) {
    this.stmts = new StatementCache(db);
  }

  byId(id: number): QueryRow | undefined {
    return this.stmts.get('SELECT * FROM coding_query WHERE id = ?').get(id) as QueryRow | undefined;
  }

  facts(queryId: number): FactRow[] {
    return this.stmts
      .get(
        `SELECT id, ordinal, document_id AS documentId, section_ordinal AS sectionOrdinal, start, end, text_sha256 AS textSha256
         FROM coding_query_fact WHERE query_id = ? ORDER BY ordinal`,
      )
      .all(queryId) as FactRow[];
  }

  insert(q: { encounterId: number; authorId: number; question: string; options: string[]; providerId: number | null; now: string }, facts: NewFact[]): number {
    return this.db.transaction(() => {
      const id = Number(
        this.stmts
          .get(
            `INSERT INTO coding_query(encounter_id, author_id, status, question, options_json, provider_id, created_at, updated_at)
             VALUES (?, ?, 'draft', ?, ?, ?, ?, ?)`,
          )
          .run(q.encounterId, q.authorId, q.question, JSON.stringify(q.options), q.providerId, q.now, q.now).lastInsertRowid,
      );
      this.writeFacts(id, facts);
      return id;
    })();
  }

  update(id: number, q: { question: string; options: string[]; now: string }, facts: NewFact[] | undefined): void {
    this.db.transaction(() => {
      this.stmts.get('UPDATE coding_query SET question = ?, options_json = ?, updated_at = ? WHERE id = ?').run(q.question, JSON.stringify(q.options), q.now, id);
      if (!facts) return;
      this.stmts.get('DELETE FROM coding_query_fact WHERE query_id = ?').run(id);
      this.writeFacts(id, facts);
    })();
  }

  private writeFacts(queryId: number, facts: NewFact[]): void {
    const ins = this.stmts.get(
      'INSERT INTO coding_query_fact(query_id, ordinal, document_id, section_ordinal, start, end, text_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    facts.forEach((f, i) => ins.run(queryId, i, f.documentId, f.sectionOrdinal, f.start, f.end, f.textSha256));
  }

  setStatus(id: number, status: QueryStatus, now: string, answer?: { option: string; note: string | null }): void {
    const col = { draft: null, sent: 'sent_at', answered: 'answered_at', withdrawn: 'withdrawn_at' }[status];
    this.stmts
      .get(
        `UPDATE coding_query SET status = ?, updated_at = ?${col ? `, ${col} = ?` : ''}${answer ? ', answer_option = ?, answer_note = ?' : ''} WHERE id = ?`,
      )
      .run(...[status, now, ...(col ? [now] : []), ...(answer ? [answer.option, answer.note] : []), id]);
  }

  countExport(id: number): void {
    this.stmts.get('UPDATE coding_query SET export_count = export_count + 1 WHERE id = ?').run(id);
  }

  list(filter: { authorId?: number; encounterId?: number; status?: QueryStatus }): Array<QueryRow & { fact_count: number }> {
    const where: string[] = [];
    const args: Array<number | string> = [];
    const add = (clause: string, value: number | string | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      args.push(value);
    };
    add('q.author_id = ?', filter.authorId);
    add('q.encounter_id = ?', filter.encounterId);
    add('q.status = ?', filter.status);
    return this.stmts
      .get(
        `SELECT q.*, (SELECT COUNT(*) FROM coding_query_fact f WHERE f.query_id = q.id) AS fact_count
         FROM coding_query q ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY q.updated_at DESC, q.id DESC LIMIT 500`,
      )
      .all(...args) as Array<QueryRow & { fact_count: number }>;
  }

  /** The attending of the encounter, to address the query to; and the patient, for the audit trail. */
  encounter(id: number): { patientId: number; providerId: number | null; provider: string | null } | undefined {
    return this.stmts
      .get(
        `SELECT e.patient_id AS patientId, e.attending_id AS providerId, p.name AS provider
         FROM encounter e LEFT JOIN practitioner p ON p.id = e.attending_id WHERE e.id = ?`,
      )
      .get(id) as { patientId: number; providerId: number | null; provider: string | null } | undefined;
  }

  providerName(id: number | null): string | null {
    if (id === null) return null;
    return (this.stmts.get('SELECT name FROM practitioner WHERE id = ?').get(id) as { name: string | null } | undefined)?.name ?? null;
  }
}
