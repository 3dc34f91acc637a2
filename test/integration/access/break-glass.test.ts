/** Break-glass: re-authentication, an immediate bounded grant, alerts, the review queue, overdue reviews, metrics. */
import { describe, expect, it } from 'vitest';
import { accessMetrics, overdueReviews } from '../../../electron/core/access/metrics';
import { accessEvents, accessFixture, LOINC, NEW_PASSWORD } from '../../support/access';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const EMERGENCY = 'Attending asked for the full chart during a rapid response.';

describe('break-glass', () => {
  it('needs a fresh re-authentication, opens the encounter at once except psychotherapy notes, alerts supervisors and queues a review', async () => {
    const t = await accessFixture([['carol', 'coder'], ['sam', 'supervisor'], ['pat', 'privacy_officer']], { changePasswords: true });
    const carol = t.raw('carol');
    // Signing in is no re-authentication: break-glass asks again.
    const refused = await carol('breakGlass', { encounterId: t.encounterId, reasonCode: 'patient-safety', reasonText: EMERGENCY });
    expect(refused).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    expect(await carol('reauthenticate', { password: 'not my password at all', for: 'breakGlass' })).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    await t.as('carol')('reauthenticate', { password: NEW_PASSWORD, for: 'breakGlass' });
    await t.as('carol')('declarePurpose', { purpose: 'inpatient_coding', encounterId: t.encounterId });
    const bg = await t.as('carol')('breakGlass', { encounterId: t.encounterId, reasonCode: 'patient-safety', reasonText: EMERGENCY });
    expect(bg).toMatchObject({ kind: 'break_glass', status: 'approved', grantedMinutes: 60, remainingMinutes: 60, reasonCode: 'patient-safety', scopeLabels: [] });
    // The reply names the encounter only: nothing in it depends on what the encounter holds (see test/integration/views/pairs.test.ts).
    expect(bg.scope).toEqual({ patientId: t.patientId, encounterId: t.encounterId, from: null, to: null, sectionCodes: [], labels: [], summary: `Encounter ${t.encounterId} · whole scope` });

    const [grant] = t.backend.access.activeGrants(t.ids.carol!);
    expect(grant!.kind).toBe('break_glass');
    // The whole encounter, and every label but PSYTHPN (which a whole scope never opens either).
    expect(grant!.scope).toEqual({ patientId: t.patientId, encounterId: t.encounterId });
    expect(grant!.entitledLabels).not.toContain('PSYTHPN');
    expect(grant!.entitledLabels).toContain('ETH');
    // Every section opens but the psychotherapy note's, which the view decision keeps closed to break-glass.
    const chart = await t.as('carol')('openChart', { encounterId: t.encounterId });
    const doc = await t.as('carol')('openDocument', { documentId: chart.documents[0]!.id });
    expect(doc.sections.map((x) => (x.visibility === 'visible' ? x.loinc : 'masked'))).toEqual([LOINC.hpi, LOINC.social, 'masked', LOINC.mental, LOINC.plan]);
    expect(JSON.stringify(doc)).not.toContain('processing grief');

    // Longer than the policy bound is refused.
    await t.as('carol')('reauthenticate', { password: NEW_PASSWORD, for: 'breakGlass' });
    expect(await carol('breakGlass', { encounterId: t.encounterId, reasonCode: 'other', reasonText: EMERGENCY, minutes: 300 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    // Supervisors see it at once: a badge, the alert, the open review.
    const alerts = await t.as('sam')('accessAlerts', {});
    expect(alerts).toMatchObject({ pending: 0, openReviews: 1, overdueReviews: 0, badge: 1 });
    expect(alerts.breakGlass).toEqual([expect.objectContaining({ requestId: bg.id, username: 'carol', reasonCode: 'patient-safety', encounterId: t.encounterId })]);
    expect(await t.as('sam')('acknowledgeAccessAlerts', {})).toEqual({ acknowledged: 1 });
    expect((await t.as('sam')('accessAlerts', {})).badge).toBe(0);
    expect((await t.as('pat')('accessAlerts', {})).badge).toBe(1); // each approver acknowledges for themself
    expect(await t.as('carol')('accessAlerts', {})).toMatchObject({ badge: 0, breakGlass: [] });

    // The grant ends on its own after 60 minutes: break-glass stop is audited.
    for (let i = 0; i < 6; i++) {
      for (const u of ['carol', 'sam', 'pat']) t.backend.auth.sessions.touch(u); // people keep working
      t.clock.advance(10 * MIN);
    }
    expect(t.backend.access.activeGrants(t.ids.carol!)).toEqual([]);
    const types = accessEvents(t).map((e) => e.event_type);
    expect(types).toEqual(expect.arrayContaining(['access.breakglass.start', 'access.grant.use', 'access.expire', 'access.breakglass.stop']));

    // The review queue: nobody reviews their own event; notes are required; closing is audited.
    const queue = await t.as('sam')('breakGlassReviews', { include: 'open' });
    expect(queue).toEqual([expect.objectContaining({ overdue: false, verdict: null, event: expect.objectContaining({ id: bg.id, justification: EMERGENCY }) })]);
    expect(await carol('breakGlassReviews', { include: 'open' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.raw('sam')('closeBreakGlassReview', { requestId: bg.id, verdict: 'appropriate', notes: 'ok' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const closed = await t.as('sam')('closeBreakGlassReview', { requestId: bg.id, verdict: 'appropriate', notes: 'Rapid response confirmed by the attending.' });
    expect(closed).toMatchObject({ verdict: 'appropriate', reviewer: 'sam', overdue: false });
    expect(await t.as('sam')('breakGlassReviews', { include: 'open' })).toEqual([]);
    expect(await t.raw('pat')('closeBreakGlassReview', { requestId: bg.id, verdict: 'inappropriate', notes: 'Second opinion on this one.' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('a supervisor cannot review their own break-glass; reviews left open past the policy days are overdue', async () => {
    const t = await accessFixture([['sam', 'supervisor'], ['sue', 'supervisor'], ['pat', 'privacy_officer']]);
    const a = t.backend.access;
    const bg = a.breakGlass(t.session('sam'), 'sam', { encounterId: t.encounterId, reasonCode: 'urgent-treatment', reasonText: EMERGENCY });
    expect(() => a.closeReview(t.session('sam'), bg.id, 'appropriate', 'Looks fine to me, honestly.')).toThrow(/own break-glass/);
    expect(a.revoke(t.session('sue'), bg.id, 'Emergency over').status).toBe('revoked');
    expect(accessEvents(t).map((e) => e.event_type)).toContain('access.breakglass.stop');

    t.clock.advance(7 * DAY + MIN);
    expect(overdueReviews(a.db, t.clock.now())).toEqual([expect.objectContaining({ requestId: bg.id, username: 'sam', daysOverdue: 0 })]);
    t.clock.advance(2 * DAY);
    expect(overdueReviews(a.db, t.clock.now())[0]!.daysOverdue).toBe(2);
    a.closeReview(t.session('pat'), bg.id, 'inappropriate', 'Not an emergency; coaching given.');
    expect(overdueReviews(a.db, t.clock.now())).toEqual([]);
    const review = accessEvents(t).find((e) => e.event_type === 'access.review.close')!;
    expect(JSON.parse(review.detail!)).toMatchObject({ verdict: 'inappropriate', overdue: true });
  });
});

describe('accessMetrics', () => {
  it('counts decisions, median time to decide, break-glass reviews and time to revoke', async () => {
    const t = await accessFixture([['carol', 'coder'], ['sam', 'supervisor'], ['pat', 'privacy_officer']]);
    const a = t.backend.access;
    const from = t.clock.now().toISOString();
    const ask = () => a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, sectionCodes: [LOINC.plan], purpose: 'inpatient_coding', justification: 'Needed to confirm the principal diagnosis.' });
    const r1 = ask();
    t.clock.advance(10 * MIN);
    a.approve(t.session('sam'), r1.id); // 10 minutes to decide
    const r2 = ask();
    t.clock.advance(30 * MIN);
    a.deny(t.session('sam'), r2.id, 'Not needed'); // 30 minutes
    const r3 = ask();
    t.clock.advance(20 * MIN);
    a.approve(t.session('pat'), r3.id); // 20 minutes
    t.clock.advance(15 * MIN);
    a.revoke(t.session('sam'), r3.id, 'Coding complete'); // revoked 15 minutes after the grant
    a.withdraw(t.session('carol'), ask().id);
    ask(); // still pending
    a.breakGlass(t.session('carol'), 'carol', { encounterId: t.encounterId, reasonCode: 'patient-safety', reasonText: EMERGENCY });
    const m = accessMetrics(a.db, { from, to: t.clock.now().toISOString() }, t.clock.now());
    expect(m).toMatchObject({
      requests: { total: 5, approved: 2, denied: 1, withdrawn: 1, expiredUndecided: 0, pending: 1 },
      medianMinutesToDecide: 20,
      breakGlass: { events: 1, reviewed: 0, unreviewed: 1, overdue: 0, inappropriate: 0 },
      revoked: 1,
      medianMinutesToRevoke: 15,
    });
    const later = new Date(t.clock.now().getTime() + 8 * DAY);
    expect(accessMetrics(a.db, { from, to: later.toISOString() }, later).breakGlass.overdue).toBe(1);
  });
});
