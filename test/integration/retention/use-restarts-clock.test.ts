/** Opening a chart in the app is a use: the patient's retention clock restarts, so work in progress is never purged. */
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../electron/core/redaction/views';
import { testBackend } from '../../support/backend';
import { seedPatient } from '../../support/retention-seed';

const DAY = 86_400_000;

describe('chart use and retention', () => {
  it('a patient whose chart a coder opened is not purged as idle; the untouched one is', () => {
    const t = testBackend();
    t.clock.setWall(Date.now());
    const db = t.backend.store.db;
    const opened = seedPatient(db, 'U1');
    const idle = seedPatient(db, 'U2');
    t.clock.advance(25 * DAY);
    const viewer: Viewer = { userId: 0, username: 'retention-test', role: 'coder', purpose: null };
    t.backend.views.declarePurpose(viewer, 'inpatient_coding', opened.encounterId);
    const chart = t.backend.views.openChart(viewer, opened.encounterId);
    const lastUse = (id: number) => (db.prepare('SELECT last_used_at AS t FROM patient WHERE id = ?').get(id) as { t: string | null }).t;
    expect(lastUse(opened.id)).toBe(t.clock.now().toISOString());
    t.backend.views.openDocument(viewer, chart.documents[0]!.id);
    t.clock.advance(10 * DAY);
    const due = t.backend.retention.runDue({ dryRun: true }).patients.map((p) => p.patientId);
    expect(due).toContain(idle.id);
    expect(due).not.toContain(opened.id);
    t.backend.close();
  });
});
