import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../electron/core/audit/verify';
import { touchPatient } from '../../../electron/core/retention';
import { bytesHits, decryptPages, rawHits, sqlHits } from '../../support/store-scan';
import { seedPatient } from '../../support/retention-seed';
import { testBackend } from '../../support/backend';
import { writeDemo } from '../../../electron/core/ingest/synthetic';

const DAY = 86_400_000;

describe('retention purge leaves no trace of the purged notes', () => {
  it('removes idle patients\' canaries from every table, the file, the WAL and the decrypted pages (free pages too), and keeps used ones', () => {
    const t = testBackend();
    t.clock.setWall(Date.now());
    const db = t.backend.store.db;
    const idle = [seedPatient(db, 'A1', { labels: true }), seedPatient(db, 'B2')];
    const used = seedPatient(db, 'C3');
    const purgedCanaries = idle.flatMap((p) => p.canaries);
    db.pragma('wal_checkpoint(TRUNCATE)');
    // Positive control: the scan does see the canaries in the decrypted pages before the purge.
    t.backend.close();
    expect(bytesHits(decryptPages(t.dbPath, t.keys), purgedCanaries)).toEqual(purgedCanaries);
    let tb = t.reopen();

    t.clock.advance(31 * DAY);
    touchPatient(tb.backend.store.db, used.id, t.clock.now());
    const report = tb.backend.retention.runDue();
    expect(report.patients.map((p) => [p.patientId, p.reason])).toEqual(idle.map((p) => [p.id, 'idle']));
    expect(report.totals.documents).toBe(4);
    expect(report.walTruncated).toBe(true);
    expect(fs.statSync(`${t.dbPath}-wal`).size).toBe(0);

    const live = tb.backend.store.db;
    expect(sqlHits(live, purgedCanaries)).toEqual([]);
    expect(sqlHits(live, used.canaries).length).toBeGreaterThan(0);
    // Only the identifiers the audit trail and the accounting of disclosures need are kept.
    expect(live.prepare('SELECT mrn, family_name, birth_date, phone, purged_at IS NOT NULL AS purged FROM patient WHERE id = ?').get(idle[0]!.id)).toEqual({ mrn: 'MRNA1', family_name: null, birth_date: null, phone: null, purged: 1 });
    expect(live.prepare('SELECT count(*) AS n FROM section WHERE document_id IN (SELECT id FROM document WHERE patient_id = ?)').get(idle[0]!.id)).toEqual({ n: 0 });
    expect(rawHits([t.dbPath, `${t.dbPath}-wal`], [...purgedCanaries, ...used.canaries])).toEqual([]);
    expect(verifyAudit(live, tb.backend.store.auditKey, t.dbPath).ok).toBe(true);

    tb.backend.close();
    const plain = decryptPages(t.dbPath, t.keys);
    expect(bytesHits(plain, purgedCanaries)).toEqual([]);
    expect(bytesHits(plain, used.canaries)).toContain(used.canaries[2]);
    tb = tb.reopen();
    tb.backend.close();
  });

  it('control: without secure_delete the decrypted pages still show deleted notes, so the scan does see free space', () => {
    const t = testBackend();
    const db = t.backend.store.db;
    const p = seedPatient(db, 'D4');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('secure_delete = OFF');
    db.prepare('DELETE FROM section').run();
    db.prepare('DELETE FROM document').run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    t.backend.close();
    expect(bytesHits(decryptPages(t.dbPath, t.keys), [p.canaries[2]!])).toEqual([p.canaries[2]]);
  });
});

describe('retention purge on demo charts', () => {
  it('leaves none of the generated names, phones, member ids or note phrases in any page; only the MRN stays', () => {
    const t = testBackend();
    t.clock.setWall(Date.now());
    const demo = writeDemo(t.backend.store.db, { patients: 3, seed: 11 });
    const mrns = new Set(demo.patients.map((p) => p.mrn));
    const secrets = [...demo.secrets.filter((s) => !mrns.has(s)), ...demo.canaries.map((c) => c.phrase)];
    expect(secrets.length).toBeGreaterThan(10);
    t.clock.advance(31 * DAY);
    const r = t.backend.retention.runDue();
    expect(r.totals.patients).toBe(3);
    expect(sqlHits(t.backend.store.db, secrets)).toEqual([]);
    t.backend.close();
    const plain = decryptPages(t.dbPath, t.keys);
    expect(bytesHits(plain, secrets)).toEqual([]);
    expect(bytesHits(plain, [...mrns]).length).toBe(3);
  });
});
