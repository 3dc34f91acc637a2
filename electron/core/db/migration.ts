import type { Database } from 'better-sqlite3-multiple-ciphers';
import { NtkError } from '../errors';

/** One schema step. Migration N takes a store at user_version N-1 to N. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/**
 * Adds a column unless the table has it already, so a migration that only adds columns can run
 * again on a store set back to an earlier user_version.
 */
export function addColumnIfMissing(db: Database, table: string, column: string, declaration: string): void {
  const has = db.prepare(`SELECT 1 FROM pragma_table_info('${table}') WHERE name = ?`).get(column) !== undefined;
  if (!has) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${declaration}`);
}

export const schemaVersion = (db: Database): number => db.pragma('user_version', { simple: true }) as number;

/**
 * Applies the pending migrations in order, each in its own transaction that also
 * bumps user_version, so a crash leaves the store at N-1 or N, never between.
 */
export function migrate(db: Database, migrations: readonly Migration[], target = latestVersion(migrations)): number {
  checkSequence(migrations);
  const current = schemaVersion(db);
  if (current > latestVersion(migrations)) {
    throw new NtkError(
      'NEWER_SCHEMA',
      `This store has schema version ${current}, newer than this version of Need-to-Know understands (${latestVersion(migrations)}). Update the app; the store was left untouched.`,
    );
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}

export const latestVersion = (migrations: readonly Migration[]): number => migrations.at(-1)?.version ?? 0;

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list is not contiguous at ${m.name} (expected version ${i + 1}).`);
  });
}
