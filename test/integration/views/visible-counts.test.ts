/**
 * Counts come from one visible set: on seeded demo charts, the worklist's document count of every
 * encounter is the number of documents its chart lists, and every listed document keeps the title
 * and type its source recorded (none is renamed because something in it is masked).
 */
import { describe, expect, it } from 'vitest';
import { withUsers } from '../../support/backend';
import { seedDemo } from '../../support/demo';
import { signIn } from '../../support/sign-in';

describe('visible counts', () => {
  it("a coder's worklist counts what each chart lists, under the purpose charts open with", async () => {
    const t = await withUsers([['cora', 'coder']]);
    const demo = seedDemo(t.backend, { patients: 8, seed: 2 });
    const coder = await signIn(t, 'cora', 'cora');
    const db = t.backend.store.db;
    const { rows } = await coder('listWorklist', { scope: 'all', limit: 500 });
    expect(rows.length).toBeGreaterThan(5);
    let fewer = 0;
    for (const row of rows) {
      await coder('declarePurpose', { purpose: 'inpatient_coding', encounterId: row.encounterId });
      const chart = await coder('openChart', { encounterId: row.encounterId });
      expect(row.documentCount, `encounter ${row.encounterId}`).toBe(chart.documents.length);
      const stored = db.prepare('SELECT doc_type, title FROM document WHERE encounter_id = ?').all(row.encounterId) as Array<{ doc_type: string; title: string }>;
      if (stored.length > chart.documents.length) fewer++;
      for (const d of chart.documents) expect(stored).toContainEqual({ doc_type: d.docType, title: d.title });
    }
    // The demo holds psychotherapy notes: some charts list fewer documents than the store holds.
    expect(demo.canaries.some((c) => c.labels.includes('PSYTHPN'))).toBe(true);
    expect(fewer).toBeGreaterThan(0);
    t.backend.close();
  });
});
