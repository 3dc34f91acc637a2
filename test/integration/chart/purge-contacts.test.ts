import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { purgePatient } from '../../../electron/core/retention/purge';
import { testBackend } from '../../support/backend';

describe('purge and known identifiers', () => {
  it("a purged patient's contacts go with the rest of their demographics, and their purged documents are never re-analysed", async () => {
    const t = testBackend();
    const db = t.backend.store.db;
    const w = new ChartWriter(db);
    const p = w.patient({ sourceSystem: 't', sourceId: 'p', familyName: 'Ravensworth', givenName: 'Cordelia', contacts: [{ given: 'Ambrose', family: 'Ravensworth', relationship: 'son', phone: '555-010-7788' }] });
    w.document({ sourceSystem: 't', sourceId: 'd', patientId: p, text: 'Son Ambrose at bedside.', format: 'text' });
    expect((db.prepare('SELECT contacts_json FROM patient WHERE id = ?').get(p) as { contacts_json: string }).contacts_json).toContain('Ambrose');
    db.transaction(() => purgePatient(db, p, new Date('2026-02-01T00:00:00Z')))();
    expect(db.prepare('SELECT contacts_json FROM patient WHERE id = ?').get(p)).toEqual({ contacts_json: '[]' });
    db.prepare("UPDATE document SET analyzer_version = 'older-engine'").run();
    expect(t.backend.reanalyzer.status()).toMatchObject({ documents: 0, pending: 0 });
    expect(await t.backend.reanalyzer.run()).toMatchObject({ chartsTotal: 0, documentsDone: 0 });
    t.backend.close();
  });
});
