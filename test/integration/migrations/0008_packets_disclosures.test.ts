import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migration';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { Store } from '../../../electron/core/db/store';
import { newKey, tmpDir } from '../../support/tmp';

describe('migration 0008_packets_disclosures (7 -> 8)', () => {
  it('keeps claims and adds packets, packet excerpts and disclosures; the accounting outlives a purged chart', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'm.ntk');
    const { keys } = newKey(dir);
    const v7 = Store.open({ path: dbPath, keys, create: true, migrations: MIGRATIONS.slice(0, 7) });
    const p = v7.db.prepare("INSERT INTO patient(source_system, source_id, mrn) VALUES ('s', 'p1', 'MRN1')").run().lastInsertRowid;
    v7.db.prepare("INSERT INTO claim(patient_id, source_system, source_id, claim_number) VALUES (?, 's', 'c1', 'CLM1')").run(p);
    v7.close();

    const store = Store.open({ path: dbPath, keys, migrations: MIGRATIONS.slice(0, 7) });
    expect(migrate(store.db, MIGRATIONS, 8)).toBe(8);
    const db = store.db;
    expect(db.prepare('SELECT claim_number, work_status FROM claim').get()).toEqual({ claim_number: 'CLM1', work_status: 'new' });
    const packet = db
      .prepare(
        `INSERT INTO packet (claim_id, patient_id, claim_number, created_at, purpose, recipient, prepared_by_name, approved_by_name, pages, bytes, sha256, transport)
         VALUES (1, ?, 'CLM1', '2026-01-01T00:00:00Z', 'denial_dispute', 'Payer', 'B', 'B', 3, 100, 'ab', 'app')`,
      )
      .run(p).lastInsertRowid;
    db.prepare("INSERT INTO packet_excerpt (packet_id, ordinal, reason) VALUES (?, 1, 'why')").run(packet);
    db.prepare("INSERT INTO disclosure (patient_id, disclosed_at, recipient, purpose, description, packet_id) VALUES (?, '2026-01-01T00:00:00Z', 'Payer', 'denial_dispute', 'Claim data', ?)").run(p, packet);
    // Purging the chart keeps the accounting (no cascade from patient); the packet loses only its claim link.
    db.prepare('DELETE FROM patient').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM disclosure').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT claim_id FROM packet').get()).toEqual({ claim_id: null });
    db.prepare('DELETE FROM packet').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM packet_excerpt').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT packet_id FROM disclosure').get()).toEqual({ packet_id: null });
    store.close();
  });
});
