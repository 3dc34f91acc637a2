import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';

/** Prepares each distinct SQL text once for this connection and hands back the same statement after. */
export class StatementCache {
  private readonly stmts = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  get(sql: string): Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }
}
