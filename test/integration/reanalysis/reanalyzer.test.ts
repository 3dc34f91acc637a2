import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../electron/core/audit/verify';
import { analyzerVersion } from '../../../electron/core/chart/analyzer-version';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import type { Viewer } from '../../../electron/core/redaction/views';
import { testBackend, type TestBackend } from '../../support/backend';
import { seedDemo } from '../../support/demo';
import { importHarness } from '../../support/import-harness';
import { ccdaDocument, fhirBundle } from '../../support/ingest-fixtures';

/** Everything re-analysis may change, per document. */
const analysisOf = (db: Database) =>
  db
    .prepare(
      `SELECT d.id, d.patient_id, d.identifiers_json, d.labels_json, d.analyzer_version,
              (SELECT json_group_array(json_array(s.id, s.ordinal, s.start, s.end, s.body_start, s.loinc, s.title, s.labels_json, s.spans_json))
                 FROM (SELECT * FROM section WHERE document_id = d.id ORDER BY ordinal) s) AS sections
         FROM document d ORDER BY d.id`,
    )
    .all() as Array<{ id: number; patient_id: number; identifiers_json: string; labels_json: string; analyzer_version: string | null; sections: string }>;

/**
 * The store as an older engine left it: another version stamp and poorer identifier spans (none).
 * `legacy` also drops the inputs only this version records (codes, source sections), as rows from
 * before migration 0015 have them.
 */
function ageStore(db: Database, opts: { legacy?: boolean } = {}): void {
  db.prepare("UPDATE document SET analyzer_version = 'older-engine', identifiers_json = '[]'").run();
  if (opts.legacy) db.prepare('UPDATE document SET codes_json = NULL, source_sections = NULL, known_sha = NULL').run();
}

const events = (t: TestBackend, type: string) =>
  (t.backend.store.db.prepare('SELECT patient_id, outcome FROM audit_event WHERE event_type = ? ORDER BY seq').all(type) as Array<{ patient_id: number | null; outcome: string }>);

describe('background re-analysis', () => {
  it('re-analyses a store analysed by an older engine to exactly what import produces today, and audits each chart', async () => {
    const h = importHarness();
    await h.run(h.file('a.json', JSON.stringify(fhirBundle())), h.file('b.xml', ccdaDocument({ docId: 'DOC-B' })));
    seedDemo(h.t.backend, { patients: 3 });
    const fresh = analysisOf(h.db);
    expect(fresh.length).toBeGreaterThan(5);
    expect(fresh.every((d) => d.analyzer_version === analyzerVersion())).toBe(true);

    for (const legacy of [false, true]) {
      ageStore(h.db, { legacy });
      const before = h.t.backend.reanalyzer.status();
      expect(before).toMatchObject({ pending: fresh.length, documents: fresh.length, running: false });
      const summary = await h.t.backend.reanalyzer.run();
      expect(summary).toMatchObject({ stopped: false, documentsDone: fresh.length, failed: 0 });
      expect(h.t.backend.reanalyzer.status().pending).toBe(0);
      // the same spans, labels and sections (same section rows) as the import wrote
      expect(analysisOf(h.db)).toEqual(fresh);
    }
    const charts = new Set(fresh.map((d) => d.patient_id));
    const perChart = events(h.t, 'analysis.rerun');
    expect(perChart).toHaveLength(charts.size * 2);
    expect(new Set(perChart.map((e) => e.patient_id))).toEqual(charts);
    expect(events(h.t, 'analysis.rerun.run')).toHaveLength(2);
    h.t.backend.audit.checkpoint();
    expect(verifyAudit(h.db, h.t.backend.store.auditKey, h.t.backend.store.path).ok).toBe(true);
    h.t.backend.close();
  });

  it('stops between charts when interrupted, leaves no chart half done, and resumes where it stopped', async () => {
    const t = testBackend();
    seedDemo(t.backend, { patients: 6 });
    const fresh = analysisOf(t.backend.store.db);
    ageStore(t.backend.store.db);
    const charts = new Set(fresh.map((d) => d.patient_id)).size;

    const first = await t.backend.reanalyzer.run({ afterChart: (_p, prog) => prog.chartsDone === 2 && t.backend.reanalyzer.stop() });
    expect(first).toMatchObject({ stopped: true, chartsDone: 2, chartsTotal: charts });
    const mid = analysisOf(t.backend.store.db);
    const byChart = new Map<number, Set<string | null>>();
    for (const d of mid) byChart.set(d.patient_id, (byChart.get(d.patient_id) ?? new Set()).add(d.analyzer_version));
    expect([...byChart.values()].every((v) => v.size === 1)).toBe(true); // each chart wholly old or wholly new
    expect([...byChart.values()].filter((v) => v.has(analyzerVersion()))).toHaveLength(2);
    expect(t.backend.reanalyzer.status()).toMatchObject({ running: false, progress: { chartsDone: 2 } });
    expect(t.backend.reanalyzer.status().pending).toBeGreaterThan(0);

    // a new backend on the same store (the app restarted) picks up the rest
    const t2 = t.reopen();
    const rest = await t2.backend.reanalyzer.run();
    expect(rest).toMatchObject({ stopped: false, chartsDone: charts - 2, chartsTotal: charts - 2 });
    expect(analysisOf(t2.backend.store.db)).toEqual(fresh);
    // no chart re-analysed twice
    const perChart = events(t2, 'analysis.rerun').map((e) => e.patient_id);
    expect(perChart).toHaveLength(charts);
    expect(new Set(perChart).size).toBe(charts);
    const runs = t2.backend.store.db.prepare("SELECT detail AS detail_json FROM audit_event WHERE event_type = 'analysis.rerun.run' ORDER BY seq").all() as Array<{ detail_json: string }>;
    expect(runs.map((r) => JSON.parse(r.detail_json).stopped)).toEqual([true, false]);
    t2.backend.close();
  });

  it('a chart opened while re-analysis runs shows one consistent analysis: all old or all new, never a mix', async () => {
    const t = testBackend();
    const demo = seedDemo(t.backend, { patients: 6 });
    const db = t.backend.store.db;
    const encounters = [...new Set(demo.canaries.map((c) => c.encounterId))];
    const viewer: Viewer = { userId: 0, username: 'reader', role: 'coder', purpose: null };
    const docTexts = (encounterId: number) => {
      t.backend.views.declarePurpose(viewer, 'inpatient_coding', encounterId);
      const v = t.backend.views.expandedView(viewer, encounterId);
      return JSON.stringify(v.documents.map((d) => d.sections.map((s) => `${s.visibility}:${'text' in s ? s.text : ''}`)));
    };
    // the same chart under the new and the old analysis, told apart by their masked identifiers
    const fresh = new Map(encounters.map((e) => [e, docTexts(e)]));
    ageStore(db);
    const old = new Map(encounters.map((e) => [e, docTexts(e)]));
    expect(encounters.some((e) => fresh.get(e) !== old.get(e))).toBe(true);

    const seen = { old: 0, fresh: 0 };
    const run = t.backend.reanalyzer.run();
    const readers = Array.from({ length: 8 }, async (_, i) => {
      for (let k = 0; k < 40; k++) {
        await new Promise((r) => setImmediate(r));
        const e = encounters[(i * 7 + k) % encounters.length]!;
        const view = docTexts(e);
        if (view === fresh.get(e)) seen.fresh++;
        else if (view === old.get(e)) seen.old++;
        else throw new Error(`encounter ${e}: a view that is neither the old nor the new analysis`);
      }
    });
    await Promise.all([run, ...readers]);
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.fresh).toBeGreaterThan(0);
    expect(t.backend.reanalyzer.status().pending).toBe(0);
    t.backend.close();
  });

  it('also re-analyses charts whose documents were written before the store knew what it now knows about the patient', async () => {
    const t = testBackend();
    const db = t.backend.store.db;
    const w = new ChartWriter(db);
    // outside an import's batch, and not settled: the note is analysed before the claim exists
    const p = w.patient({ sourceSystem: 't', sourceId: 'p1', familyName: 'Ostrander', givenName: 'Wilhelmina' });
    w.document({ sourceSystem: 't', sourceId: 'd1', patientId: p, text: 'Spoke about QQ7712020 today.', format: 'text' });
    w.claim({ sourceSystem: 't', sourceId: 'c1', patientId: p, claimNumber: 'CLM-1', memberId: 'QQ-771-2020', lines: [] });
    const spans = () => (JSON.parse((db.prepare("SELECT identifiers_json FROM document WHERE source_id = 'd1'").get() as { identifiers_json: string }).identifiers_json) as Array<{ type: string }>).map((x) => x.type);
    expect(spans()).not.toContain('HEALTH_PLAN_ID');
    expect(t.backend.reanalyzer.status().pending).toBe(0); // the engine is current: only the patient's record moved on
    const s = await t.backend.reanalyzer.run();
    expect(s).toMatchObject({ chartsDone: 1, documentsDone: 1, stopped: false });
    expect(spans()).toContain('HEALTH_PLAN_ID');
    expect(events(t, 'analysis.rerun')).toEqual([{ patient_id: p, outcome: 'success' }]);
    expect(await t.backend.reanalyzer.run()).toMatchObject({ chartsDone: 0, documentsDone: 0 });
    t.backend.close();
  });

  it('is not started by a backend unless asked, and stops when the backend closes', async () => {
    const t = testBackend();
    seedDemo(t.backend, { patients: 4 });
    ageStore(t.backend.store.db);
    const t2 = t.reopen();
    expect(t2.backend.reanalyzer.status().running).toBe(false);
    const run = t2.backend.reanalyzer.run();
    expect(t2.backend.reanalyzer.status().running).toBe(true);
    t2.backend.close();
    const s = await run;
    expect(s.stopped).toBe(true);
  });
});
