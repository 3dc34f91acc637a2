/**
 * The access state machine with an injected clock: every transition, separation of duties, the
 * two-approver policy, expiry on the monotonic clock (also while a view is open), revoke racing an
 * open view, and a conservative restart.
 */
import { describe, expect, it } from 'vitest';
import type { ActiveGrant } from '../../../shared/access-types';
import { AccessService } from '../../../electron/core/access/access-service';
import { DEFAULT_ACCESS_POLICY } from '../../../electron/core/access/policy';
import { manualClock } from '../../../electron/core/clock';
import { testBackend } from '../../support/backend';
import { accessEvents, accessFixture, LOINC } from '../../support/access';

const MIN = 60_000;
const HOUR = 60 * MIN;
const WHY = 'Needed to validate the principal diagnosis for DRG assignment.';

describe('access requests', () => {
  it('pending → approved: the grant runs, and the view builder sees it as an active grant', async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    const r = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, sectionCodes: [LOINC.mental], purpose: 'inpatient_coding', justification: WHY, minutes: 120 });
    expect(r).toMatchObject({ status: 'pending', requested_minutes: 120, origin: 'manual', needs_privacy_officer: 0, approvals_required: 1 });
    expect(JSON.parse(r.scope_labels_json)).toEqual(['PSY']);
    expect(a.activeGrants(t.ids.carol!)).toEqual([]);

    const approved = a.approve(t.session('sam'), r.id);
    expect(approved).toMatchObject({ status: 'approved', granted_minutes: 120, decided_by: t.ids.sam });
    expect(approved.expires_at).toBe(new Date(t.clock.now().getTime() + 120 * MIN).toISOString());
    expect(a.activeGrants(t.ids.carol!)).toEqual([
      {
        id: r.id,
        userId: t.ids.carol,
        purpose: 'inpatient_coding',
        kind: 'request',
        scope: { patientId: t.patientId, encounterId: t.encounterId, sectionCodes: [LOINC.mental] },
        // A supervisor alone is not entitled to approve V labels (psychotherapy notes, Part 2).
        entitledLabels: ['PSY', 'HIV', 'STD', 'SEX', 'GDIS', 'SDV'],
      },
    ]);
    // Grants are per user: nobody else gains anything.
    expect(a.activeGrants(t.ids.bill!)).toEqual([]);
    expect(accessEvents(t).map((e) => e.event_type)).toEqual(['access.request', 'access.approve', 'access.grant', 'access.grant.use']);
  });

  it('refuses a short justification and a duration over the policy maximum', async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    expect(() => a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: 'need it' })).toThrow(/at least 20/);
    expect(() => a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: WHY, minutes: 9 * 60 })).toThrow(/at most 8 hours/);
    // Default duration is the policy default (8 hours).
    expect(a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: WHY }).requested_minutes).toBe(8 * 60);
  });

  it('a per-label cap in the policy shortens grants whose scope touches that label', async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    a.setPolicy({ ...DEFAULT_ACCESS_POLICY, maxMinutesByLabel: { PSYTHPN: 60 } });
    // The whole encounter holds a psychotherapy note, so the 8 hours asked for become 60 minutes.
    const r = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: WHY, minutes: 8 * 60 });
    expect(JSON.parse(r.scope_labels_json)).toContain('PSYTHPN');
    expect(r.requested_minutes).toBe(60);
  });

  it('pending → denied with a reason; pending → withdrawn by the requester only', async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    const r1 = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: WHY });
    expect(() => a.deny(t.session('sam'), r1.id, '')).toThrow(/reason/);
    expect(a.deny(t.session('sam'), r1.id, 'Not needed for this DRG')).toMatchObject({ status: 'denied', decision_reason: 'Not needed for this DRG' });
    expect(() => a.approve(t.session('sue'), r1.id)).toThrow(/already denied/);

    const r2 = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: WHY });
    expect(() => a.withdraw(t.session('bill'), r2.id)).toThrow(/Only the requester/);
    expect(a.withdraw(t.session('carol'), r2.id)).toMatchObject({ status: 'withdrawn' });
    expect(() => a.withdraw(t.session('carol'), r2.id)).toThrow(/already withdrawn/);
  });

  it('pending → expired when nobody decides within the policy window', async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    const r = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: WHY });
    t.clock.advance(71 * HOUR);
    a.sweep();
    expect(a.repo.get(r.id)!.status).toBe('pending');
    t.clock.advance(2 * HOUR);
    expect(() => a.approve(t.session('sam'), r.id)).toThrow(/already expired/);
    expect(a.repo.get(r.id)).toMatchObject({ status: 'expired', granted_at: null });
  });
});

describe('separation of duties', () => {
  it('nobody approves (or denies) their own request', async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    const r = a.request(t.session('sam'), 'sam', { encounterId: t.encounterId, purpose: 'compliance_inquiry', justification: WHY });
    expect(() => a.approve(t.session('sam'), r.id)).toThrow(/own request/);
    expect(() => a.deny(t.session('sam'), r.id, 'no thanks')).toThrow(/own request/);
    expect(a.repo.get(r.id)!.status).toBe('pending');
    const refusals = accessEvents(t).filter((e) => e.outcome === 'denied');
    expect(refusals.map((e) => JSON.parse(e.detail!).refused)).toEqual(['own-request', 'own-request']);
  });

  it("refuses roles that do not approve, and the requester's own role", async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    const byCoder = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: WHY });
    expect(() => a.approve(t.session('bill'), byCoder.id)).toThrow(/role does not approve/);
    // A supervisor's request cannot be approved by another supervisor; a privacy officer can.
    const bySupervisor = a.request(t.session('sam'), 'sam', { encounterId: t.encounterId, sectionCodes: [LOINC.hpi], purpose: 'compliance_inquiry', justification: WHY });
    expect(() => a.approve(t.session('sue'), bySupervisor.id)).toThrow(/requester's own role/);
    expect(a.approve(t.session('pat'), bySupervisor.id).status).toBe('approved');
  });

  it('V-confidentiality scopes (psychotherapy notes, Part 2) need a privacy officer', async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    const r = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, sectionCodes: [LOINC.social], purpose: 'inpatient_coding', justification: WHY });
    expect(r.needs_privacy_officer).toBe(1); // the social history carries ETH (42 CFR Part 2)
    expect(() => a.approve(t.session('sam'), r.id)).toThrow(/privacy officer must approve/);
    expect(a.repo.get(r.id)!.status).toBe('pending');
    expect(a.approve(t.session('pat'), r.id).status).toBe('approved');
    // Asking for the whole encounter reaches the psychotherapy note too.
    const whole = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: WHY });
    expect(JSON.parse(whole.scope_labels_json)).toEqual(expect.arrayContaining(['ETH', 'PSY', 'PSYTHPN']));
    expect(whole.needs_privacy_officer).toBe(1);
  });

  it('a two-approver policy needs two different approvers; the grant takes the shorter duration', async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    a.setPolicy({ ...DEFAULT_ACCESS_POLICY, twoApprovers: true });
    const r = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, sectionCodes: [LOINC.mental], purpose: 'inpatient_coding', justification: WHY, minutes: 240 });
    expect(r.approvals_required).toBe(2);
    expect(a.approve(t.session('sam'), r.id, { minutes: 120 }).status).toBe('pending');
    expect(a.activeGrants(t.ids.carol!)).toEqual([]);
    expect(() => a.approve(t.session('sam'), r.id)).toThrow(/already approved/);
    const done = a.approve(t.session('sue'), r.id);
    expect(done).toMatchObject({ status: 'approved', granted_minutes: 120 });
    expect(a.repo.approvals(r.id).map((x) => x.username)).toEqual(['sam', 'sue']);
  });

  it('with two approvers on a V scope, the second must be a privacy officer if the first was not', async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    a.setPolicy({ ...DEFAULT_ACCESS_POLICY, twoApproverLabels: ['PSYTHPN', 'ETH'] });
    const r = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, sectionCodes: [LOINC.social], purpose: 'inpatient_coding', justification: WHY });
    expect(r.approvals_required).toBe(2);
    a.approve(t.session('sam'), r.id);
    expect(() => a.approve(t.session('sue'), r.id)).toThrow(/privacy officer/);
    expect(a.approve(t.session('pat'), r.id).status).toBe('approved');
  });

  it('an approval can narrow the scope and shorten the duration, never widen or lengthen', async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    const r = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, sectionCodes: [LOINC.mental, LOINC.plan], purpose: 'inpatient_coding', justification: WHY, minutes: 60 });
    const base = { patientId: t.patientId, encounterId: t.encounterId };
    expect(() => a.approve(t.session('sam'), r.id, { minutes: 90 })).toThrow(/never lengthen/);
    expect(() => a.approve(t.session('sam'), r.id, { scope: { ...base, sectionCodes: [LOINC.mental, LOINC.social] } })).toThrow(/never widen/);
    expect(() => a.approve(t.session('sam'), r.id, { scope: base })).toThrow(/never widen/);
    const ok = a.approve(t.session('sam'), r.id, { minutes: 30, scope: { ...base, sectionCodes: [LOINC.plan] } });
    expect(ok).toMatchObject({ status: 'approved', granted_minutes: 30 });
    expect(a.activeGrants(t.ids.carol!)[0]!.scope).toEqual({ ...base, sectionCodes: [LOINC.plan] });
    expect(JSON.parse(ok.requested_scope_json).sectionCodes).toEqual([LOINC.plan, LOINC.mental].sort());
  });
});

describe('grants end on the monotonic clock', () => {
  it('approved → expired at the deadline, even while a view is open; wall-clock changes neither extend nor end it', async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    const r = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, sectionCodes: [LOINC.mental], purpose: 'inpatient_coding', justification: WHY, minutes: 60 });
    a.approve(t.session('sam'), r.id);
    // An open view holds the grant's scope and closes when told the grant ended.
    const openViews = new Map<number, ActiveGrant>(a.activeGrants(t.ids.carol!).map((g) => [g.id, g]));
    const ended: Array<[number, string]> = [];
    a.onGrantEnded((g, why) => {
      openViews.delete(g.id);
      ended.push([g.id, why]);
    });

    t.clock.setWall(t.clock.now().getTime() - 5 * HOUR); // someone sets the system clock back
    t.clock.advance(59 * MIN);
    expect(a.activeGrants(t.ids.carol!)).toHaveLength(1);
    expect(openViews.size).toBe(1);
    t.clock.advance(MIN);
    expect(a.activeGrants(t.ids.carol!)).toEqual([]);
    expect(openViews.size).toBe(0);
    expect(ended).toEqual([[r.id, 'expired']]);
    expect(a.repo.get(r.id)).toMatchObject({ status: 'expired', elapsed_ms: 60 * MIN });

    // Moving the wall clock forward does not end a grant early either.
    const r2 = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, sectionCodes: [LOINC.plan], purpose: 'inpatient_coding', justification: WHY, minutes: 60 });
    a.approve(t.session('sam'), r2.id);
    t.clock.setWall(t.clock.now().getTime() + 48 * HOUR);
    expect(a.activeGrants(t.ids.carol!).map((g) => g.id)).toEqual([r2.id]);
    expect(accessEvents(t).filter((e) => e.event_type === 'access.expire')).toHaveLength(1);
  });

  it('approved → revoked takes effect on the next call and closes open views, even mid-build', async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    const r = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, sectionCodes: [LOINC.mental], purpose: 'inpatient_coding', justification: WHY });
    a.approve(t.session('sam'), r.id);
    const closed: number[] = [];
    a.onGrantEnded((g) => closed.push(g.id));

    // A view build takes the grants, then a supervisor revokes before it hands anything out.
    const taken = a.activeGrants(t.ids.carol!);
    expect(taken.map((g) => g.id)).toEqual([r.id]);
    t.clock.advance(5 * MIN);
    expect(() => a.revoke(t.session('bill'), r.id, 'not yours to revoke')).toThrow(/does not revoke/);
    a.revoke(t.session('sue'), r.id, 'Scope no longer needed');
    expect(taken.filter((g) => a.isActive(g.id))).toEqual([]); // the build re-checks and masks
    expect(closed).toEqual([r.id]);
    expect(a.activeGrants(t.ids.carol!)).toEqual([]);
    expect(a.repo.get(r.id)).toMatchObject({ status: 'revoked', ended_by: t.ids.sue, end_reason: 'Scope no longer needed' });
    expect(() => a.revoke(t.session('sue'), r.id, 'again')).toThrow(/not running/);
  });

  it('a user may end their own grant early', async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    const r = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, sectionCodes: [LOINC.plan], purpose: 'inpatient_coding', justification: WHY });
    a.approve(t.session('sam'), r.id);
    expect(a.revoke(t.session('carol'), r.id, '').status).toBe('revoked');
  });

  it('after a restart a grant keeps only the time it had left, whatever the wall clock says', async () => {
    const t = await accessFixture();
    const a = t.backend.access;
    const r = a.request(t.session('carol'), 'carol', { encounterId: t.encounterId, sectionCodes: [LOINC.plan], purpose: 'inpatient_coding', justification: WHY, minutes: 120 });
    a.approve(t.session('sam'), r.id);
    t.clock.advance(90 * MIN);
    t.backend.close(); // writes down the 90 minutes used

    // The machine restarts with its wall clock set back a day: the stored expiry looks far away.
    const back = manualClock(t.clock.now().getTime() - 24 * HOUR);
    const t2 = testBackend({ dir: t.dir, dbPath: t.dbPath, keys: t.keys, clock: back });
    expect(t2.backend.access.activeGrants(t.ids.carol!).map((g) => g.id)).toEqual([r.id]);
    expect(t2.backend.access.remainingMs(r.id)).toBe(30 * MIN);
    back.advance(30 * MIN);
    expect(t2.backend.access.activeGrants(t.ids.carol!)).toEqual([]);
    t2.backend.close();

    // And a restart after the wall-clock expiry ends it at once.
    const t3 = testBackend({ dir: t.dir, dbPath: t.dbPath, keys: t.keys, clock: manualClock() });
    const s = new AccessService(t3.backend.store.db, t3.backend.audit, t3.clock);
    expect(s.activeGrants(t.ids.carol!)).toEqual([]);
    t3.backend.close();
  });
});
