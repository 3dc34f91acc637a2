/**
 * The encrypted store against a plain SQLite peer with the same pragmas:
 * unlock time per key source, and committed-insert throughput (the cost of encryption as a ratio).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { createKeyFile, keyFileKeySource, passphraseKeySource } from '../electron/core/db/keys';
import { MIGRATIONS } from '../electron/core/db/migrations';
import { migrate } from '../electron/core/db/migration';
import { Store } from '../electron/core/db/store';
import { round, timeRuns } from './stats';

const DOCS = 20_000;
const BATCH = 500;

function insertDocs(db: Database.Database): number {
  db.prepare("INSERT INTO patient(id, source_system, source_id) VALUES (1, 'bench', 'p')").run();
  const ins = db.prepare("INSERT INTO document(patient_id, source_system, source_id, title, content_sha256) VALUES (1, 'bench', ?, ?, ?)");
  const batch = db.transaction((from: number) => {
    for (let i = from; i < from + BATCH; i++) ins.run(`d${i}`, `Progress note ${i}`, 'f'.repeat(64));
  });
  const t = performance.now();
  for (let i = 0; i < DOCS; i += BATCH) batch(i);
  return (performance.now() - t) / 1000;
}

export function storeBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-bench-'));
  try {
    const keyFile = path.join(dir, 'k');
    createKeyFile(keyFile);
    const keys = keyFileKeySource(keyFile);
    const encPath = path.join(dir, 'enc.ntk');
    Store.open({ path: encPath, keys, create: true }).close();
    const openKeyFile = timeRuns(20, () => Store.open({ path: encPath, keys }).close());

    const ppPath = path.join(dir, 'pp.ntk');
    const pp = passphraseKeySource('benchmark passphrase long enough');
    Store.open({ path: ppPath, keys: pp, create: true }).close();
    const openPassphrase = timeRuns(5, () => Store.open({ path: ppPath, keys: pp }).close());

    const enc = Store.open({ path: encPath, keys });
    const encSeconds = insertDocs(enc.db);
    enc.close();

    const plain = new Database(path.join(dir, 'plain.db'));
    for (const p of ['journal_mode = WAL', 'synchronous = FULL', 'secure_delete = ON', 'foreign_keys = ON', 'temp_store = MEMORY']) plain.pragma(p);
    migrate(plain, MIGRATIONS);
    const plainSeconds = insertDocs(plain);
    plain.close();

    return {
      open_ms_keyfile: openKeyFile,
      open_ms_passphrase_scrypt: openPassphrase,
      insert_docs: DOCS,
      insert_rows_per_s_encrypted: Math.round(DOCS / encSeconds),
      insert_rows_per_s_plain_peer: Math.round(DOCS / plainSeconds),
      encrypted_over_plain_time_ratio: round(encSeconds / plainSeconds),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
