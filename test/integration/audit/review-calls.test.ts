import { describe, expect, it } from 'vitest';
import { queryAudit } from '../../../electron/core/audit/query';
import { USER_PASSWORD, withUsers } from '../../support/backend';

describe('audit review calls', () => {
  it('filters by patient and label, builds timelines, flags and metrics for auditors only, and audits each review', async () => {
    const t = await withUsers([['pat', 'privacy_officer'], ['cody', 'coder']]);
    t.clock.setWall(Date.parse('2026-03-04T08:00:00.000Z'));
    for (const [w, username] of [['po', 'pat'], ['c', 'cody']] as const) {
      await t.as(w)('login', { username, password: USER_PASSWORD });
      await t.as(w)('changePassword', { current: USER_PASSWORD, next: 'a brand new long passphrase' });
    }
    const db = t.backend.store.db;
    db.prepare("INSERT INTO patient (id, source_system, source_id, mrn, family_name, flags_json) VALUES (7, 's', '7', 'M7', 'cody', '[\"VIP\"]')").run();
    const cody = t.ids.cody!;
    t.clock.setWall(Date.parse('2026-03-04T22:30:00.000Z'));
    t.backend.audit.append({ userId: cody, username: 'cody', role: 'coder', action: 'R', eventType: 'document.open', outcome: 'success', patientId: 7, labels: ['PSY', 'ETH'] });
    t.backend.audit.append({ userId: cody, username: 'cody', role: 'coder', action: 'R', eventType: 'chart.open', outcome: 'success', patientId: 8 });
    const po = t.as('po');
    const range = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T00:00:00.000Z', utcOffsetMinutes: 0 };

    expect((await po('auditEvents', { patientId: 7, limit: 50 })).map((e) => e.eventType)).toEqual(['document.open']);
    expect((await po('auditEvents', { label: 'PSY', limit: 50 })).map((e) => [e.patientId, e.labels])).toEqual([[7, 'ETH,PSY']]);
    expect(await po('auditEvents', { label: 'SY', limit: 50 })).toEqual([]);

    const tl = await po('auditTimeline', { username: 'CODY', ...range });
    expect(tl.user).toMatchObject({ id: cody, username: 'cody' });
    expect(tl.days).toMatchObject([{ day: '2026-03-04', patientAccess: 2, patients: 2, afterHours: 2 }]);

    const flags = await po('auditFlags', range);
    expect(flags.map((f) => [f.kind, f.userId, f.patientId])).toEqual(
      expect.arrayContaining([['vip', cody, 7], ['same-last-name', cody, 7], ['after-hours', cody, null]]),
    );
    const m = await po('auditMetrics', range);
    expect(m.patientAccess).toEqual({ events: 2, patients: 2, users: 1 });
    expect(m.logins.success).toBeGreaterThanOrEqual(2);

    expect((await t.raw('c')('auditFlags', range)).ok).toBe(false);
    expect((await t.raw('po')('auditTimeline', { ...range, username: 'nobody' })).ok).toBe(false);
    expect((await t.raw('po')('auditMetrics', { ...range, from: '2026-04-01T00:00:00.000Z' })).ok).toBe(false);
    const reviews = queryAudit(db, { eventType: 'audit.review' }).map((e) => JSON.parse(e.detail!).view);
    expect(reviews.sort()).toEqual(['flags', 'metrics', 'timeline']);
  });
});
