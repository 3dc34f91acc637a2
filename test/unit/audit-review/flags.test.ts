import { describe, expect, it } from 'vitest';
import type { ReviewEvent, ReviewPatient, ReviewUser } from '../../../electron/core/audit/review/events';
import { unusualAccessFlags, type FlagOptions } from '../../../electron/core/audit/review/flags';
import { auditMetrics } from '../../../electron/core/audit/review/metrics';
import { userTimeline } from '../../../electron/core/audit/review/timeline';

let seq = 0;
const ev = (userId: number | null, at: string, patientId: number | null, eventType = 'chart.open', outcome = 'success'): ReviewEvent => ({
  seq: ++seq,
  recordedAt: at,
  userId,
  username: userId === null ? null : `u${userId}`,
  eventType,
  outcome,
  patientId,
  labels: null,
});

const users = new Map<number, ReviewUser>([
  [1, { displayName: 'Carla Mendez' }],
  [2, { displayName: 'Bo Smith' }],
]);
const patients = new Map<number, ReviewPatient>([
  [100, { familyName: 'Mendez', flags: [] }],
  [101, { familyName: 'Okafor', flags: ['VIP'] }],
  [102, { familyName: 'Lee', flags: ['EMPLOYEE'] }],
]);
const opts = (o: Partial<FlagOptions> = {}): FlagOptions => ({ users, patients, utcOffsetMinutes: 0, ...o });

/** User 1 opens `n` distinct patients on `day` during business hours (10:00 UTC, a weekday). */
const workday = (userId: number, day: string, n: number, firstPatient = 1000): ReviewEvent[] =>
  Array.from({ length: n }, (_, i) => ev(userId, `${day}T10:${String(i % 60).padStart(2, '0')}:00.000Z`, firstPatient + i));

describe('unusual-access flags', () => {
  it('flags a day far above the user\'s own baseline, and not a busy user\'s normal day', () => {
    const events = [
      ...workday(1, '2026-03-02', 5), ...workday(1, '2026-03-03', 6), ...workday(1, '2026-03-04', 4), ...workday(1, '2026-03-05', 40),
      // User 2 is always busy: 40 a day is normal for them.
      ...workday(2, '2026-03-02', 38), ...workday(2, '2026-03-03', 41), ...workday(2, '2026-03-04', 39), ...workday(2, '2026-03-05', 40),
    ];
    const flags = unusualAccessFlags(events, opts()).filter((f) => f.kind === 'volume');
    expect(flags).toEqual([expect.objectContaining({ userId: 1, day: '2026-03-05', count: 40, baseline: 5 })]);
    expect(flags[0]!.seqs.length).toBeLessThanOrEqual(20);
  });

  it('needs enough baseline days and a minimum volume before it says "unusual"', () => {
    expect(unusualAccessFlags([...workday(1, '2026-03-02', 1), ...workday(1, '2026-03-03', 30)], opts()).filter((f) => f.kind === 'volume')).toEqual([]);
    const small = [...workday(1, '2026-03-02', 1), ...workday(1, '2026-03-03', 1), ...workday(1, '2026-03-04', 1), ...workday(1, '2026-03-05', 8)];
    expect(unusualAccessFlags(small, opts()).filter((f) => f.kind === 'volume')).toEqual([]);
  });

  it('flags after-hours and weekend access in local time, grouped per user and day', () => {
    const events = [
      ev(1, '2026-03-04T23:30:00.000Z', 1000), // 23:30 UTC
      ev(1, '2026-03-04T23:45:00.000Z', 1001),
      ev(1, '2026-03-04T15:00:00.000Z', 1002), // business hours
      ev(2, '2026-03-07T11:00:00.000Z', 1003), // Saturday
      ev(2, '2026-03-04T12:00:00.000Z', null, 'login'), // not patient access
    ];
    const flags = unusualAccessFlags(events, opts()).filter((f) => f.kind === 'after-hours');
    expect(flags.map((f) => [f.userId, f.day, f.count])).toEqual([
      [2, '2026-03-07', 1],
      [1, '2026-03-04', 2],
    ]);
    // At UTC-8, 23:30 UTC is 15:30 local: inside business hours.
    expect(unusualAccessFlags(events.slice(0, 3), opts({ utcOffsetMinutes: -480 })).filter((f) => f.kind === 'after-hours')).toEqual([]);
  });

  it('flags a patient who shares the user\'s last name, and VIP and employee charts', () => {
    const events = [ev(1, '2026-03-04T10:00:00.000Z', 100), ev(1, '2026-03-04T10:05:00.000Z', 100), ev(2, '2026-03-04T10:00:00.000Z', 100), ev(2, '2026-03-04T11:00:00.000Z', 101), ev(1, '2026-03-04T11:00:00.000Z', 102)];
    const flags = unusualAccessFlags(events, opts());
    expect(flags.filter((f) => f.kind === 'same-last-name').map((f) => [f.userId, f.patientId, f.count])).toEqual([[1, 100, 2]]);
    expect(flags.filter((f) => f.kind === 'vip').map((f) => [f.userId, f.patientId])).toEqual([[2, 101]]);
    expect(flags.filter((f) => f.kind === 'employee').map((f) => [f.userId, f.patientId])).toEqual([[1, 102]]);
    // No flag text names anyone.
    for (const f of flags) for (const name of ['Mendez', 'Okafor', 'Lee', 'Carla']) expect(f.why).not.toContain(name);
    // A purged patient (no name kept) can no longer match a name, but still carries its flags.
    const purged = new Map(patients);
    purged.set(100, { familyName: null, flags: [] });
    expect(unusualAccessFlags(events, opts({ patients: purged })).filter((f) => f.kind === 'same-last-name')).toEqual([]);
  });

  it('flags many masked-section requests (and break-glass) in one day', () => {
    const reqs = (n: number, day: string, type = 'access.request') => Array.from({ length: n }, (_, i) => ev(1, `${day}T1${i % 9}:00:00.000Z`, 1000 + i, type, 'success'));
    const flags = unusualAccessFlags([...reqs(4, '2026-03-04'), ...reqs(3, '2026-03-05'), ...reqs(3, '2026-03-05', 'access.breakglass.start')], opts());
    expect(flags.filter((f) => f.kind === 'masked-requests').map((f) => [f.day, f.count])).toEqual([['2026-03-05', 6]]);
  });

  it('reports only days inside the range, using earlier days as baseline', () => {
    const events = [...workday(1, '2026-03-02', 5), ...workday(1, '2026-03-03', 5), ...workday(1, '2026-03-04', 5), ...workday(1, '2026-03-05', 40), ev(1, '2026-03-03T22:00:00.000Z', 7)];
    const flags = unusualAccessFlags(events, opts({ fromDay: '2026-03-05', toDay: '2026-03-05' }));
    expect(flags.map((f) => [f.kind, f.day])).toEqual([['volume', '2026-03-05']]);
  });
});

describe('per-user timeline and metrics', () => {
  it('groups a user\'s events by local day with patients, after-hours and denials', () => {
    const events = [ev(1, '2026-03-04T10:00:00.000Z', 1), ev(1, '2026-03-04T10:10:00.000Z', 1), ev(1, '2026-03-04T21:00:00.000Z', 2), ev(1, '2026-03-05T09:00:00.000Z', null, 'login', 'denied'), ev(2, '2026-03-04T10:00:00.000Z', 3)];
    const days = userTimeline(events, 1, { utcOffsetMinutes: 0 });
    expect(days.map((d) => [d.day, d.events, d.patientAccess, d.patients, d.afterHours, d.denied])).toEqual([
      ['2026-03-05', 1, 0, 0, 0, 1],
      ['2026-03-04', 3, 3, 2, 1, 0],
    ]);
    expect(days[1]!.byType).toEqual([{ eventType: 'chart.open', count: 3 }]);
    expect(days[1]!.hours[10]).toBe(2);
  });

  it('counts sign-ins, access, exports, purges and access events; access figures stay null without the access service', () => {
    const events = [
      ev(1, '2026-03-04T10:00:00.000Z', null, 'login'), ev(null, '2026-03-04T10:01:00.000Z', null, 'login', 'denied'), ev(null, '2026-03-04T10:02:00.000Z', null, 'lockout'),
      ev(1, '2026-03-04T10:03:00.000Z', 5), ev(2, '2026-03-04T10:04:00.000Z', 5), ev(2, '2026-03-04T10:05:00.000Z', 6),
      ev(1, '2026-03-04T10:06:00.000Z', null, 'inventory.export'), ev(1, '2026-03-04T10:07:00.000Z', 5, 'retention.purge'),
      ev(1, '2026-03-04T10:08:00.000Z', 5, 'access.request'), ev(2, '2026-03-04T10:09:00.000Z', 5, 'access.approve'), ev(1, '2026-03-04T10:10:00.000Z', 6, 'access.breakglass.start'),
    ];
    const m = auditMetrics(events, { from: 'a', to: 'b' }, null);
    expect(m.logins).toEqual({ success: 1, failed: 1, lockouts: 1 });
    expect(m.patientAccess).toEqual({ events: 3, patients: 2, users: 2 }); // access requests and purges name a patient but show nothing
    expect(m.exports).toBe(1);
    expect(m.purges).toEqual({ patients: 1 });
    expect(m.accessEvents).toEqual({ requests: 1, approvals: 1, denials: 0, breakGlass: 1, revocations: 0 });
    expect(m.access).toBeNull();
  });
});
