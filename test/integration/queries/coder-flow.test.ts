/**
 * The coder's day through the dispatcher, on generated charts: worklist, purpose, chart with an
 * unrelated behavioral-health section masked, two facts, a query, a PDF export that carries those
 * facts and nothing masked; and a fact whose section the current purpose masks is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentView } from '../../../shared/chart-contract';
import { createBackend } from '../../../electron/core/backend';
import { APP_INFO } from '../../../electron/core/app-info';
import { manualClock } from '../../../electron/core/clock';
import { USER_PASSWORD } from '../../support/backend';
import { seedDemo } from '../../support/demo';
import { pdfText } from '../../support/pdf-text';
import { newKey, tmpDir } from '../../support/tmp';

const NEW_PASSWORD = 'a brand new long passphrase';

async function setup() {
  const dir = tmpDir();
  const saved: string[] = [];
  const backend = createBackend({
    app: APP_INFO,
    clock: manualClock(),
    workstation: 'test',
    store: { path: path.join(dir, 's.ntk'), keys: newKey(dir).keys, create: true },
    pickSavePath: async ({ defaultName }) => {
      const f = path.join(dir, 'exports', defaultName);
      saved.push(f);
      return f;
    },
  });
  const replies: string[] = [];
  const as = (key: string) => async (name: string, req: unknown) => {
    const r = await backend.call(name as never, req as never, { transport: 'test', sessionKey: key });
    replies.push(JSON.stringify(r));
    if (!r.ok) throw r.error;
    return r.value as never;
  };
  const admin = as('admin');
  await admin('setupFirstAdmin', { username: 'ada', displayName: 'Ada Admin', password: 'violet kettle harbour 1987' });
  await admin('addUser', { username: 'cora', displayName: 'Cora Coder', role: 'coder', password: USER_PASSWORD });
  const coder = as('coder');
  await coder('login', { username: 'cora', password: USER_PASSWORD });
  await coder('changePassword', { current: USER_PASSWORD, next: NEW_PASSWORD });
  const demo = seedDemo(backend, { patients: 8, seed: 7 });
  return { backend, coder, demo, saved, replies };
}

describe('coder workstation flow', () => {
  it('masks an unrelated behavioral-health section, builds a query from two visible facts and exports it without masked text', async () => {
    const { backend, coder, demo, saved, replies } = await setup();
    const canary = demo.canaries.find((c) => c.unrelatedToEncounter && c.labels.some((l) => l === 'PSY' || l === 'ETH'));
    expect(canary).toBeDefined();
    const list = (await coder('listWorklist', { scope: 'all' })) as { rows: Array<{ encounterId: number }> };
    expect(list.rows.map((r) => r.encounterId)).toContain(canary!.encounterId);

    await coder('declarePurpose', { purpose: 'inpatient_coding', encounterId: canary!.encounterId });
    const chart = (await coder('openChart', { encounterId: canary!.encounterId })) as { documents: Array<{ id: string }> };
    const docs: DocumentView[] = [];
    for (const d of chart.documents) docs.push((await coder('openDocument', { documentId: d.id })) as DocumentView);
    expect(docs.flatMap((d) => d.sections).some((s) => s.visibility === 'masked')).toBe(true);

    const visible = docs.flatMap((d) => d.sections.flatMap((s) => (s.visibility === 'visible' && s.text.length > 40 ? [s] : [])));
    const [a, b] = [visible[0]!, visible[1]!];
    const q = (await coder('createQuery', {
      encounterId: canary!.encounterId,
      question: 'Based on the clinical indicators above, can the diagnosis be further specified?',
      options: ['Acute condition', 'Chronic condition'],
      facts: [
        { sectionId: a.id, start: 0, end: 30 },
        { sectionId: b.id, start: 0, end: 30 },
      ],
    })) as { id: number; findings: Array<{ id: string }>; facts: Array<{ text: string }> };
    expect(q.facts.map((f) => f.text)).toEqual([a.text.slice(0, 30), b.text.slice(0, 30)]);
    const justifications = Object.fromEntries(q.findings.map((f) => [f.id, 'The provider needs it to answer.']));
    await coder('reauthenticate', { password: NEW_PASSWORD, for: 'exportQuery' });
    await coder('exportQuery', { queryId: q.id, format: 'pdf', justifications });
    const text = await pdfText(fs.readFileSync(saved[0]!));
    const norm = (s: string) => s.replace(/\s+/g, ' ');
    expect(text).toContain(norm(a.text.slice(0, 30)).trim());
    expect(text).toContain(norm(b.text.slice(0, 30)).trim());
    expect(text).not.toContain(canary!.phrase);

    // Nothing masked left the backend: no canary of this encounter's masked sections in any reply,
    // and no planted identifier that never appeared in a reply made it into the PDF.
    const all = replies.join('\n');
    expect(all).not.toContain(canary!.phrase);
    const masked = demo.secrets.filter((s) => s.length > 3 && !all.includes(s));
    expect(masked.length).toBeGreaterThan(0);
    expect(masked.filter((s) => text.includes(s))).toEqual([]);
    const exportEvent = backend.store.db.prepare("SELECT detail, purpose FROM audit_event WHERE event_type = 'query.export'").get() as { detail: string; purpose: string };
    expect(exportEvent.purpose).toBe('inpatient_coding');
    expect(JSON.parse(exportEvent.detail).factIds.split(',')).toHaveLength(2);
    backend.close();
  });

  it('refuses a fact whose section has since been masked, and handles from an earlier declaration', async () => {
    const { backend, coder, demo } = await setup();
    const canary = demo.canaries.find((c) => c.unrelatedToEncounter)!;
    await coder('declarePurpose', { purpose: 'inpatient_coding', encounterId: canary.encounterId });
    const chart = (await coder('openChart', { encounterId: canary.encounterId })) as { documents: Array<{ id: string }> };
    const doc = (await coder('openDocument', { documentId: chart.documents[0]!.id })) as DocumentView;
    const s = doc.sections.find((x) => x.visibility === 'visible' && x.text.length > 20)!;
    if (s.visibility !== 'visible') throw new Error('no visible section');
    const q = (await coder('createQuery', { encounterId: canary.encounterId, question: 'Can this be clarified?', options: ['One', 'Two'], facts: [{ sectionId: s.id, start: 0, end: 20 }] })) as { id: number; facts: Array<{ text: string | null }> };
    expect(q.facts[0]!.text).toBe(s.text.slice(0, 20));
    // A re-analysis finds the section is a psychotherapy note: no purpose shows it now.
    const db = backend.store.db;
    const row = db.prepare('SELECT f.document_id AS d, f.section_ordinal AS o FROM coding_query_fact f WHERE f.query_id = ?').get(q.id) as { d: number; o: number };
    db.prepare('UPDATE section SET labels_json = \'["PSYTHPN"]\' WHERE document_id = ? AND ordinal = ?').run(row.d, row.o);
    const view = (await coder('getQuery', { queryId: q.id })) as { facts: Array<{ text: string | null }>; issues: Array<{ kind: string }> };
    expect(view.facts[0]!.text).toBeNull();
    expect(view.issues.map((i) => i.kind)).toContain('fact-unavailable');
    await coder('reauthenticate', { password: NEW_PASSWORD, for: 'exportQuery' });
    const later = await backend.call('exportQuery', { queryId: q.id, format: 'text', justifications: {} }, { transport: 'test', sessionKey: 'coder' });
    expect(later).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const preview = (await coder('previewQuery', { queryId: q.id })) as { text: string };
    expect(preview.text).not.toContain(s.text.slice(0, 20));
    // A handle from an earlier declaration resolves to nothing.
    await coder('declarePurpose', { purpose: 'inpatient_coding', encounterId: canary.encounterId });
    const other = doc.sections.find((x) => x.visibility === 'visible' && x !== s)!;
    const stale = await backend.call('createQuery', { encounterId: canary.encounterId, question: 'x?', options: ['a', 'b'], facts: [{ sectionId: (other as { id: string }).id, start: 0, end: 5 }] }, { transport: 'test', sessionKey: 'coder' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    backend.close();
  });
});
