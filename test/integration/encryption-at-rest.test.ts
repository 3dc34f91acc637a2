import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../electron/core/db/store';
import { newKey, tmpDir } from '../support/tmp';

const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

describe('encryption at rest', () => {
  it('keeps the SQLite header and a canary out of the database file and its WAL', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'rest.ntk');
    const store = Store.open({ path: dbPath, keys: newKey(dir).keys, create: true });
    const canary = 'CANARY-MRN-7741-JANE-QPUBLIC';
    const insert = store.db.prepare("INSERT INTO patient(source_system, source_id, mrn) VALUES ('test', ?, ?)");
    store.db.transaction(() => {
      for (let i = 0; i < 200; i++) insert.run(`p${i}`, `${canary}-${i}`);
    })();

    // Read the raw bytes while the connection is open, so the WAL still holds the rows.
    const wal = fs.readFileSync(`${dbPath}-wal`);
    expect(wal.length).toBeGreaterThan(4096);
    const file = fs.readFileSync(dbPath);
    for (const bytes of [file, wal]) {
      expect(bytes.includes(PLAINTEXT_HEADER)).toBe(false);
      expect(bytes.includes(Buffer.from(canary))).toBe(false);
      expect(bytes.includes(Buffer.from(canary, 'utf16le'))).toBe(false);
    }
    // The rows are really there: the check would be empty if nothing was written.
    expect((store.db.prepare('SELECT count(*) AS n FROM patient WHERE mrn LIKE ?').get(`${canary}%`) as { n: number }).n).toBe(200);

    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const afterCheckpoint = fs.readFileSync(dbPath);
    expect(afterCheckpoint.length).toBeGreaterThan(file.length);
    expect(afterCheckpoint.includes(Buffer.from(canary))).toBe(false);
    expect(afterCheckpoint.includes(PLAINTEXT_HEADER)).toBe(false);
    store.close();
  });
});
