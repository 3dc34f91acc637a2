/**
 * The encrypted store: SQLCipher 4 format through better-sqlite3-multiple-ciphers.
 *
 * Opening never creates a file unless asked to, never writes to a file it cannot
 * decrypt, and refuses schemas newer than it knows. Every failure is an NtkError
 * with a code and a message; the file on disk is left as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database, { type Database as DB } from 'better-sqlite3-multiple-ciphers';
import type { StoreStatus } from '../../../shared/contract';
import { NtkError } from '../errors';
import { deriveSubkey, type KeySource } from './keys';
import { latestVersion, migrate, schemaVersion, type Migration } from './migration';
import { MIGRATIONS } from './migrations';
import { NTK_APPLICATION_ID } from './migrations/0001_store_meta';
import { notAStore, toStoreError } from './sqlite-errors';

export interface OpenStoreOptions {
  path: string;
  keys: KeySource;
  /** Create the store if the file does not exist (never over an existing file). */
  create?: boolean;
  /** Open without writing: no migration, no WAL switch. */
  readonly?: boolean;
  /** For migration tests: the list to apply (defaults to every migration). */
  migrations?: readonly Migration[];
}

const SQLITE_PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export class Store {
  private constructor(
    readonly db: DB,
    readonly path: string,
    readonly keySource: KeySource['kind'],
    readonly latestSchemaVersion: number,
    /** HMAC key of the audit chain: an HKDF subkey of the same master key as the pages. */
    readonly auditKey: Buffer,
  ) {}

  static open(opts: OpenStoreOptions): Store {
    const dbPath = path.resolve(opts.path);
    const migrations = opts.migrations ?? MIGRATIONS;
    const exists = preflight(dbPath, opts);
    const creating = !exists;
    let db: DB | undefined;
    try {
      const master = opts.keys.masterKey(dbPath, creating ? 'create' : 'open');
      if (creating) fs.closeSync(fs.openSync(dbPath, 'wx', 0o600)); // owner-only; SQLite gives -wal/-shm the same mode
      db = new Database(dbPath, { fileMustExist: exists, readonly: !!opts.readonly });
      applyKey(db, deriveSubkey(master, 'db'));
      const auditKey = deriveSubkey(master, 'audit');
      master.fill(0);
      verifyReadable(db, dbPath, exists);
      configure(db, !!opts.readonly);
      if (opts.readonly) {
        if (schemaVersion(db) > latestVersion(migrations)) migrate(db, migrations); // throws NEWER_SCHEMA
      } else {
        migrate(db, migrations);
      }
      return new Store(db, dbPath, opts.keys.kind, latestVersion(migrations), auditKey);
    } catch (e) {
      db?.close();
      if (creating) discardNew(dbPath, opts.keys);
      throw toStoreError(e, dbPath);
    }
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  meta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  status(): StoreStatus {
    const count = (table: 'patient' | 'encounter' | 'document'): number =>
      (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      opened: this.db.open,
      path: this.path,
      schemaVersion: this.schemaVersion,
      latestSchemaVersion: this.latestSchemaVersion,
      cipher: 'sqlcipher',
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      keySource: this.keySource,
      storeId: this.meta('store_id') ?? '',
      createdAt: this.meta('created_at') ?? '',
      counts: { patients: count('patient'), encounters: count('encounter'), documents: count('document') },
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
    this.auditKey.fill(0);
  }
}

/** Checks the path before any key is touched. Returns whether the store file exists. */
function preflight(dbPath: string, opts: OpenStoreOptions): boolean {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dbPath);
  } catch {
    stat = undefined;
  }
  if (!stat) {
    if (!opts.create) throw new NtkError('STORE_NOT_FOUND', `No store at ${dbPath}. Create one with \`ntk init --db ${dbPath}\`.`);
    const dir = path.dirname(dbPath);
    if (!fs.existsSync(dir)) throw new NtkError('STORE_NOT_FOUND', `The folder ${dir} does not exist.`);
    assertWritable(dir, dbPath);
    return false;
  }
  if (!stat.isFile()) throw notAStore(dbPath, 'not a regular file');
  if (stat.size === 0) throw notAStore(dbPath, 'the file is empty');
  const head = Buffer.alloc(16);
  const fd = fs.openSync(dbPath, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.equals(SQLITE_PLAINTEXT_HEADER)) throw notAStore(dbPath, 'it is an unencrypted SQLite file');
  if (!opts.readonly) {
    assertWritable(dbPath, dbPath);
    assertWritable(path.dirname(dbPath), dbPath);
  }
  return true;
}

function assertWritable(target: string, dbPath: string): void {
  try {
    fs.accessSync(target, fs.constants.W_OK);
  } catch (e) {
    throw toStoreError(e, dbPath);
  }
}

function applyKey(db: DB, key: Buffer): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
  key.fill(0);
}

function verifyReadable(db: DB, dbPath: string, existed: boolean): void {
  db.prepare('SELECT count(*) FROM sqlite_master').get(); // SQLITE_NOTADB on a wrong key
  if (existed && db.pragma('application_id', { simple: true }) !== NTK_APPLICATION_ID) {
    throw notAStore(dbPath, 'it is an encrypted database of another application');
  }
}

function configure(db: DB, readonly: boolean): void {
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY'); // no plaintext spill into temp files
  db.pragma('busy_timeout = 5000');
}

function discardNew(dbPath: string, keys: KeySource): void {
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`]) fs.rmSync(f, { force: true });
  keys.discard?.(dbPath);
}
