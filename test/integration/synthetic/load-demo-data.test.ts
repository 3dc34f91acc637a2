import { describe, expect, it } from 'vitest';
import { testBackend, USER_PASSWORD, withUsers } from '../../support/backend';
import { seedDemo } from '../../support/demo';

describe('loadDemoData (IPC)', () => {
  it('an admin loads demo charts into an empty store; audited; refused once the store holds patients', async () => {
    const t = await withUsers([['carol', 'coder']]);
    try {
      const carol = t.as('carol');
      await carol('login', { username: 'carol', password: USER_PASSWORD });
      await carol('changePassword', { current: USER_PASSWORD, next: 'a brand new long passphrase' });
      expect(await t.raw('carol')('loadDemoData', { patients: 2, seed: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

      const summary = await t.as('admin')('loadDemoData', { patients: 3, seed: 5 });
      expect(summary.patients).toBe(3);
      expect(summary.documents).toBeGreaterThan(6);
      expect(summary.claims).toBeGreaterThan(3);
      const status = await t.as('admin')('storeStatus', {});
      expect(status.counts.patients).toBe(3);
      expect(status.counts.documents).toBe(summary.documents);

      const again = await t.raw('admin')('loadDemoData', { patients: 3, seed: 5 });
      expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

      const events = t.backend.store.db.prepare("SELECT username, outcome, detail FROM audit_event WHERE event_type = 'demo.generate' ORDER BY seq").all() as Array<{
        username: string;
        outcome: string;
        detail: string;
      }>;
      expect(events.map((e) => [e.username, e.outcome])).toEqual([
        ['ada', 'success'],
        ['ada', 'failure'],
      ]);
      expect(JSON.parse(events[0]!.detail)).toMatchObject({ seed: 5, patients: 3 });
      // Same seed through the IPC and directly: the same notes.
      const other = testBackend();
      try {
        seedDemo(other.backend, { patients: 3, seed: 5 });
        const notes = (b: { backend: typeof t.backend }) => b.backend.store.db.prepare('SELECT source_id, text FROM document ORDER BY source_id').all();
        expect(notes(other)).toEqual(notes(t));
      } finally {
        other.backend.close();
      }
    } finally {
      t.backend.close();
    }
  });

  it('rejects out-of-range requests before running', async () => {
    const t = await withUsers();
    try {
      expect(await t.raw('admin')('loadDemoData', { patients: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(await t.raw('admin')('loadDemoData', { patients: 5000 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    } finally {
      t.backend.close();
    }
  });
});
