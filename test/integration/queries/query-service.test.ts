/**
 * The queries core over a real encrypted store, with a section source that plays the view builder's
 * part (visible unless labelled, or masked by the test to simulate a policy change).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/core/audit/audit-log';
import { AuthService } from '../../../electron/core/auth/auth-service';
import type { Session } from '../../../electron/core/auth/sessions';
import { manualClock } from '../../../electron/core/clock';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { Store } from '../../../electron/core/db/store';
import { QueryService } from '../../../electron/core/queries/query-service';
import type { SectionSource } from '../../../electron/core/queries/section-source';
import { pdfInfo, pdfText } from '../../support/pdf-text';
import { newKey, tmpDir } from '../../support/tmp';

const NOTE = [
  'HOSPITAL COURSE:',
  'Hemoglobin fell to 6.8 g/dL on day 2 after the hip repair. Transfused 2 units packed red blood cells.',
  '',
  'PSYCHIATRIC HISTORY:',
  'Longstanding panic disorder with agoraphobia, followed by outside therapist.',
  '',
  'ASSESSMENT AND PLAN:',
  'Anemia, monitor hemoglobin daily. Discussed with Dr. Maya Osei on 01/04/2026.',
].join('\n');

const PASSWORD = 'violet kettle harbour 1987';

describe('QueryService', () => {
  let store: Store;
  let queries: QueryService;
  let session: Session;
  let auth: AuthService;
  let encounterId: number;
  let docId: number;
  let dir: string;
  let clock: ReturnType<typeof manualClock>;
  const masked = new Set<string>();
  const saved: string[] = [];

  const handle = (ord: number) => `s_doc${docId}x${ord}`;
  const source: SectionSource = {
    resolveHandle: (_s, h) => {
      const m = /^s_doc(\d+)x(\d+)$/.exec(h);
      if (!m) return null;
      const address = { documentId: Number(m[1]), sectionOrdinal: Number(m[2]) };
      return source.current(_s, address, encounterId) ? { ...address, encounterId, patientId: 1 } : null;
    },
    current: (_s, a) => {
      const row = store.db
        .prepare('SELECT s.start, s.end, s.body_start, s.title, s.labels_json, d.title AS dt, d.authored_at FROM section s JOIN document d ON d.id = s.document_id WHERE s.document_id = ? AND s.ordinal = ?')
        .get(a.documentId, a.sectionOrdinal) as { start: number; end: number; body_start: number; title: string; labels_json: string; dt: string; authored_at: string } | undefined;
      if (!row || JSON.parse(row.labels_json).length || masked.has(`${a.documentId}:${a.sectionOrdinal}`)) return null;
      const text = (store.db.prepare('SELECT text FROM document WHERE id = ?').get(a.documentId) as { text: string }).text.slice(row.body_start, row.end);
      return { text, labels: [], sectionTitle: row.title, documentTitle: row.dt, date: row.authored_at.slice(0, 10) };
    },
  };

  beforeEach(async () => {
    dir = tmpDir();
    const { keys } = newKey(dir);
    store = Store.open({ path: path.join(dir, 's.ntk'), keys, create: true, migrations: MIGRATIONS });
    clock = manualClock();
    const audit = new AuditLog(store.db, store.auditKey, store.path, 'ws', clock);
    auth = new AuthService(store.db, audit, clock);
    await auth.setupFirstAdmin('k', 'cora', 'Cora Coder', PASSWORD);
    session = auth.requireActive('k');
    const w = new ChartWriter(store.db);
    store.db.transaction(() => {
      const p = w.patient({ sourceSystem: 't', sourceId: 'p', familyName: 'Quill', givenName: 'Ada' });
      const dr = w.practitioner({ sourceSystem: 't', sourceId: 'dr', name: 'Dr. Maya Osei' });
      encounterId = w.encounter({ sourceSystem: 't', sourceId: 'e', patientId: p, classCode: 'IMP', periodStart: '2026-01-02', periodEnd: '2026-01-06', attendingId: dr });
      docId = w.document({ sourceSystem: 't', sourceId: 'd', patientId: p, encounterId, docType: 'discharge-summary', title: 'Discharge summary', authoredAt: '2026-01-06T10:00:00Z', text: NOTE, format: 'text' });
    })();
    session.purpose = { purpose: 'inpatient_coding', encounterId, patientId: 1 };
    masked.clear();
    saved.length = 0;
    queries = new QueryService(store.db, audit, auth, clock, source, async ({ defaultName }) => {
      const f = path.join(dir, 'out', defaultName);
      saved.push(f);
      return f;
    });
  });
  afterEach(() => store.close());

  const sections = () => store.db.prepare('SELECT ordinal, title, labels_json FROM section WHERE document_id = ? ORDER BY ordinal').all(docId) as Array<{ ordinal: number; title: string; labels_json: string }>;
  const ordOf = (title: RegExp) => sections().find((s) => title.test(s.title))!.ordinal;
  const textOf = (ord: number) => source.current(session, { documentId: docId, sectionOrdinal: ord }, encounterId)!.text;
  const span = (ord: number, needle: string) => {
    const start = textOf(ord).indexOf(needle);
    expect(start).toBeGreaterThanOrEqual(0);
    return { sectionId: handle(ord), start, end: start + needle.length };
  };

  it('builds a draft from selected facts, re-derives their text, and exports a PDF with exactly those facts', async () => {
    const course = ordOf(/HOSPITAL COURSE/i);
    const plan = ordOf(/ASSESSMENT/i);
    expect(JSON.parse(sections().find((s) => /PSYCH/i.test(s.title))!.labels_json)).toContain('PSY');
    const q = queries.create(session, encounterId, {
      question: 'Based on these indicators, can the low hemoglobin be further specified?',
      options: ['Acute blood loss anemia', 'Expected postoperative hemoglobin drop, not anemia'],
      facts: [span(course, 'Hemoglobin fell to 6.8 g/dL on day 2'), span(plan, 'Anemia, monitor hemoglobin daily. Discussed with Dr. Maya Osei on 01/04/2026.')],
    });
    expect(q.status).toBe('draft');
    expect(q.provider).toBe('Dr. Maya Osei');
    expect(q.facts.map((f) => f.text)).toEqual(['Hemoglobin fell to 6.8 g/dL on day 2', 'Anemia, monitor hemoglobin daily. Discussed with Dr. Maya Osei on 01/04/2026.']);
    expect(q.findings.map((f) => `${f.type}:${f.where}`)).toEqual(expect.arrayContaining(['DATE:fact:1']));
    expect(q.options.slice(-2)).toEqual(['Other (please specify)', 'Clinically undetermined']);
    expect(q.issues.filter((i) => i.severity === 'error')).toEqual([]);

    await expect(queries.export(session, 'k', q.id, 'pdf', {})).rejects.toMatchObject({ code: 'CONFLICT' }); // findings not yet justified
    const justified = Object.fromEntries(q.findings.map((f) => [f.id, 'Provider needs this to locate the result.']));
    const out = await queries.export(session, 'k', q.id, 'pdf', justified);
    expect(out.status).toBe('sent');
    const bytes = fs.readFileSync(saved[0]!);
    expect(bytes.length).toBe(out.bytes);
    const text = await pdfText(bytes);
    expect(text).toContain('Hemoglobin fell to 6.8 g/dL on day 2');
    expect(text).toContain('Anemia, monitor hemoglobin daily. Discussed with Dr. Maya Osei on 01/04/2026.');
    const info = await pdfInfo(bytes);
    expect(JSON.stringify(info)).not.toMatch(/Osei|Quill|Hemoglobin|Encounter/);
    expect(info).toMatchObject({ Title: 'Physician query', Producer: 'Need-to-Know' });
    expect(text).toContain('Clinically undetermined');
    expect(text).not.toContain('panic');
    expect(text).not.toContain('Transfused'); // not selected
    const audit = store.db.prepare("SELECT detail FROM audit_event WHERE event_type = 'query.export'").all() as Array<{ detail: string }>;
    const ids = queries.get(session, q.id).facts.map((f) => f.id).join(',');
    expect(JSON.parse(audit.at(-1)!.detail)).toMatchObject({ format: 'pdf', factIds: ids, sha256: out.sha256 });
  });

  it('needs a purpose declared for the encounter before a query is written', () => {
    const course = ordOf(/HOSPITAL COURSE/i);
    const input = { question: 'Can the hemoglobin drop be further specified?', options: ['Acute blood loss anemia', 'Expected drop'], facts: [span(course, 'Transfused 2 units')] };
    session.purpose = null;
    expect(() => queries.create(session, encounterId, input)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    session.purpose = { purpose: 'inpatient_coding', encounterId: encounterId + 1, patientId: 1 };
    expect(() => queries.create(session, encounterId, input)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    session.purpose = { purpose: 'inpatient_coding', encounterId, patientId: 1 };
    expect(queries.create(session, encounterId, input).status).toBe('draft');
  });

  it('refuses a handle of a masked section, and refuses to export a fact whose section has since been masked', async () => {
    const psy = ordOf(/PSYCH/i);
    expect(() => queries.create(session, encounterId, { question: 'q?', options: ['a', 'b'], facts: [{ sectionId: handle(psy), start: 0, end: 5 }] })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    const course = ordOf(/HOSPITAL COURSE/i);
    const q = queries.create(session, encounterId, {
      question: 'Can the hemoglobin drop be further specified?',
      options: ['Acute blood loss anemia', 'Expected hemoglobin drop'],
      facts: [span(course, 'Transfused 2 units packed red blood cells.')],
    });
    masked.add(`${docId}:${course}`);
    const view = queries.get(session, q.id);
    expect(view.facts[0]!.text).toBeNull();
    expect(view.issues.map((i) => i.kind)).toContain('fact-unavailable');
    await expect(queries.export(session, 'k', q.id, 'text', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(saved).toEqual([]);
  });

  it('needs a recent re-authentication to export', async () => {
    const course = ordOf(/HOSPITAL COURSE/i);
    const q = queries.create(session, encounterId, { question: 'Can the hemoglobin drop be further specified?', options: ['Acute blood loss anemia', 'Expected drop'], facts: [span(course, 'Transfused 2 units')] });
    // Six minutes later the sign-in no longer counts as recent.
    clock.advance(6 * 60_000);
    await expect(queries.export(session, 'k', q.id, 'text', {})).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    await auth.reauthenticate('k', PASSWORD);
    const justified = Object.fromEntries(q.findings.map((f) => [f.id, 'needed by the provider']));
    await expect(queries.export(session, 'k', q.id, 'text', justified)).resolves.toMatchObject({ status: 'sent' });
    expect(fs.readFileSync(saved[0]!, 'utf8')).toContain('"Transfused 2 units"');
  });

  it('follows the life cycle draft -> sent -> answered, records the answer, and refuses other moves', () => {
    const course = ordOf(/HOSPITAL COURSE/i);
    const q = queries.create(session, encounterId, { question: 'Can the hemoglobin drop be further specified?', options: ['Acute blood loss anemia', 'Expected drop'], facts: [span(course, 'Transfused 2 units')] });
    expect(() => queries.setStatus(session, q.id, 'answered', { option: 'Acute blood loss anemia' })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    queries.setStatus(session, q.id, 'sent');
    expect(() => queries.update(session, q.id, { question: 'x', options: [], facts: [] })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => queries.setStatus(session, q.id, 'answered', { option: 'Not an option' })).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    expect(() => queries.setStatus(session, q.id, 'answered', { option: 'Other (please specify)' })).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    const answered = queries.setStatus(session, q.id, 'answered', { option: 'Acute blood loss anemia', note: 'Agree, ABLA.' });
    expect(answered.answer).toMatchObject({ option: 'Acute blood loss anemia', note: 'Agree, ABLA.' });
    expect(() => queries.setStatus(session, q.id, 'withdrawn')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(queries.list(session, { encounterId }).map((s) => s.status)).toEqual(['answered']);
  });
});
