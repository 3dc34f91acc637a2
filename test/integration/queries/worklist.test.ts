import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { Store } from '../../../electron/core/db/store';
import { AuditLog } from '../../../electron/core/audit/audit-log';
import { manualClock } from '../../../electron/core/clock';
import { defaultPolicy, loadPolicy } from '../../../electron/core/redaction/policy';
import { ChartViews } from '../../../electron/core/redaction/views';
import { UserPrefs } from '../../../electron/core/worklist/prefs';
import { lengthOfStay, Worklist, worklistViewer, type WorklistViewer } from '../../../electron/core/worklist/worklist';
import { newKey, tmpDir } from '../../support/tmp';

describe('worklist', () => {
  let store: Store;
  let list: Worklist;
  const users = { me: 0, other: 0 };
  let me: WorklistViewer;
  let encIds: Record<'a' | 'b', number>;

  beforeEach(() => {
    const dir = tmpDir();
    store = Store.open({ path: path.join(dir, 'w.ntk'), keys: newKey(dir).keys, create: true, migrations: MIGRATIONS });
    const addUser = (name: string) =>
      Number(store.db.prepare("INSERT INTO app_user(username, display_name, role, password_hash, password_params, password_set_at) VALUES (?, ?, 'coder', 'x', '{}', 't')").run(name, name).lastInsertRowid);
    users.me = addUser('me');
    users.other = addUser('other');
    const w = new ChartWriter(store.db);
    const p = w.patient({ sourceSystem: 't', sourceId: 'p', familyName: 'Quill' });
    w.coverage({ sourceSystem: 't', sourceId: 'cov', patientId: p, payerName: 'Blue Harbor Health', periodStart: '2020-01-01' });
    const enc = (id: string, classCode: string, start: string, end: string | null) => w.encounter({ sourceSystem: 't', sourceId: id, patientId: p, classCode, typeDisplay: classCode === 'IMP' ? 'Hip fracture repair' : 'Clinic visit', periodStart: start, periodEnd: end });
    const a = enc('a', 'IMP', '2026-01-02T08:00:00Z', '2026-01-06T12:00:00Z');
    const b = enc('b', 'AMB', '2026-02-10', '2026-02-10');
    const c = enc('c', 'IMP', '2026-03-01', null);
    const d = enc('d', 'IMP', '2026-03-05', '2026-03-07');
    w.claim({ sourceSystem: 't', sourceId: 'cl', patientId: p, encounterId: b, claimNumber: 'C1', payerName: 'Acme Medicare Advantage', lines: [] });
    store.db.prepare('UPDATE encounter SET assigned_user_id = ? WHERE id = ?').run(users.me, c);
    store.db.prepare('UPDATE encounter SET assigned_user_id = ? WHERE id = ?').run(users.other, d);
    store.db.prepare("UPDATE encounter SET coding_status = 'complete' WHERE id = ?").run(a);
    const views = new ChartViews(store.db, loadPolicy(defaultPolicy()), new AuditLog(store.db, store.auditKey, store.path, 'ws', manualClock()));
    list = new Worklist(store.db, views);
    me = worklistViewer({ userId: users.me, role: 'coder' }, null);
    encIds = { a, b };
    // Encounter a: a plain note, a note with a hidden section, a psychotherapy note, a note wholly masked by the section rule.
    w.document({ sourceSystem: 't', sourceId: 'a1', patientId: p, encounterId: a, docType: 'progress-note', title: 'Progress note', text: 'HISTORY OF PRESENT ILLNESS:\nHip pain after a fall.\n', format: 'text' });
    w.document({ sourceSystem: 't', sourceId: 'a2', patientId: p, encounterId: a, docType: 'progress-note', title: 'Progress note', text: 'HISTORY OF PRESENT ILLNESS:\nHip pain.\nPAST PSYCHIATRIC HISTORY:\nBipolar disorder treated with lithium.\n', format: 'text' });
    w.document({ sourceSystem: 't', sourceId: 'a3', patientId: p, encounterId: a, docType: 'psychotherapy-note', title: 'Psychotherapy session', text: 'Session notes:\nGrief about her brother.\n', format: 'text' });
    w.document({ sourceSystem: 't', sourceId: 'a4', patientId: p, encounterId: a, docType: 'progress-note', title: 'Instructions', text: 'PATIENT INSTRUCTIONS:\nKeep the leg elevated.\n', format: 'text' });
  });
  afterEach(() => store.close());

  it("lists mine and unassigned encounters, never another coder's, with length of stay and payer", () => {
    const r = list.list(me, { scope: 'all', limit: 100 });
    expect(r.total).toBe(3);
    expect(r.rows.map((x) => [x.type, x.codingStatus, x.lengthOfStay, x.payer, x.assignedToMe])).toEqual([
      ['Hip fracture repair', 'open', null, 'Blue Harbor Health', true],
      ['Clinic visit', 'open', 0, 'Acme Medicare Advantage', false],
      ['Hip fracture repair', 'complete', 4, 'Blue Harbor Health', false],
    ]);
    expect(r.payers).toEqual(['Acme Medicare Advantage', 'Blue Harbor Health']);
  });

  it('filters by scope, status, class, payer, search and dates', () => {
    const ids = (f: Parameters<Worklist['list']>[1]) => list.list(me, f).rows.map((r) => r.type + ':' + r.start?.slice(0, 10));
    expect(ids({ scope: 'mine', limit: 10 })).toEqual(['Hip fracture repair:2026-03-01']);
    expect(ids({ scope: 'available', status: ['complete'], limit: 10 })).toEqual(['Hip fracture repair:2026-01-02']);
    expect(ids({ scope: 'all', classCode: 'AMB', limit: 10 })).toEqual(['Clinic visit:2026-02-10']);
    expect(ids({ scope: 'all', payer: 'Acme Medicare Advantage', limit: 10 })).toEqual(['Clinic visit:2026-02-10']);
    expect(ids({ scope: 'all', search: 'fracture', limit: 10 })).toHaveLength(2);
    expect(ids({ scope: 'all', search: '100%', limit: 10 })).toEqual([]);
    expect(ids({ scope: 'all', from: '2026-02-01', to: '2026-02-28', limit: 10 })).toEqual(['Clinic visit:2026-02-10']);
  });

  it('takes an unassigned encounter (in progress) and gives it back; refuses one assigned to someone else', () => {
    const row = list.list(me, { scope: 'available', classCode: 'AMB', limit: 1 }).rows[0]!;
    expect(list.claim(me, row.encounterId, false)).toMatchObject({ assignedToMe: true, codingStatus: 'in_progress' });
    expect(list.claim(me, row.encounterId, true)).toMatchObject({ assignedToMe: false });
    const theirs = store.db.prepare('SELECT id FROM encounter WHERE assigned_user_id = ?').get(users.other) as { id: number };
    expect(() => list.claim(me, theirs.id, false)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('counts the documents the chart lists under the purpose, not every stored row', () => {
    const row = list.list(me, { scope: 'all', limit: 100 }).rows.find((r) => r.encounterId === encIds.a)!;
    // Listed: the plain note and the note with a hidden section; left out: the psychotherapy note and the wholly masked note.
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM document WHERE encounter_id = ?').get(encIds.a)).toEqual({ n: 4 });
    expect(row.documentCount).toBe(2);
    expect(list.list(me, { scope: 'all', limit: 100 }).rows.find((r) => r.encounterId === encIds.b)!.documentCount).toBe(0);
  });

  it('counts whole days between admission and discharge dates', () => {
    expect(lengthOfStay('2026-01-02T23:00:00Z', '2026-01-03T01:00:00Z')).toBe(1);
    expect(lengthOfStay('2026-01-02', null)).toBeNull();
    expect(lengthOfStay('2026-01-05', '2026-01-02')).toBeNull();
  });

  it('remembers a purpose per user and forgets it on request', () => {
    const prefs = new UserPrefs(store.db);
    expect(prefs.coder(users.me)).toEqual({ rememberedPurpose: null });
    prefs.setCoder(users.me, { rememberedPurpose: 'inpatient_coding' });
    expect(prefs.coder(users.me)).toEqual({ rememberedPurpose: 'inpatient_coding' });
    expect(prefs.coder(users.other)).toEqual({ rememberedPurpose: null });
    prefs.setCoder(users.me, { rememberedPurpose: null });
    expect(prefs.coder(users.me)).toEqual({ rememberedPurpose: null });
  });
});
