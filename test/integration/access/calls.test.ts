/** The access calls through the dispatcher: roles, placeholder requests, the inbox, bulk decisions, what each side sees. */
import { describe, expect, it } from 'vitest';
import { accessFixture, LOINC } from '../../support/access';

const WHY = 'Needed to validate the principal diagnosis for DRG assignment.';

async function fixture() {
  const t = await accessFixture([['carol', 'coder'], ['sam', 'supervisor'], ['pat', 'privacy_officer']], { changePasswords: true });
  // Stands in for the view builder's handle registry: one placeholder in carol's window.
  t.backend.access.setHandleResolver((key, handle) =>
    key === 'carol' && handle === 'r_mentalstatus1' ? { patientId: t.patientId, encounterId: t.encounterId, sectionCode: LOINC.mental, documentId: t.documentId } : undefined,
  );
  return t;
}

describe('access calls', () => {
  it('a request from a placeholder resolves its handle in the main process and tells the requester nothing about what is behind it', async () => {
    const t = await fixture();
    const carol = t.as('carol');
    const mine = await carol('requestAccess', { requestHandle: 'r_mentalstatus1', purpose: 'inpatient_coding', justification: WHY, minutes: 60 });
    expect(mine).toMatchObject({ status: 'pending', origin: 'handle', scopeLabels: [], needsPrivacyOfficer: false });
    expect(mine.scope).toMatchObject({ encounterId: t.encounterId, sectionCodes: [], labels: [], summary: `Encounter ${t.encounterId} · the restricted section you asked for` });
    expect(JSON.stringify(mine)).not.toContain('PSY');
    expect(JSON.stringify(mine)).not.toContain(LOINC.mental);
    // Another window's handle, or a made-up one, resolves to nothing.
    expect(await t.raw('sam')('requestAccess', { requestHandle: 'r_mentalstatus1', purpose: 'inpatient_coding', justification: WHY })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.raw('carol')('requestAccess', { requestHandle: 'r_mentalstatus1', encounterId: t.encounterId, purpose: 'inpatient_coding', justification: WHY })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await t.raw('carol')('requestAccess', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: 'too short' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    // The approver sees the scope in full, the labels it reaches, and the requester's history.
    const inbox = await t.as('sam')('accessInbox', { include: 'pending' });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ id: mine.id, scopeLabels: ['PSY'], canApprove: true, cannotApproveReason: null, justification: WHY, history: { pending: 1 } });
    expect(inbox[0]!.scope.sectionCodes).toEqual([LOINC.mental]);
    expect(await t.as('sam')('accessAlerts', {})).toMatchObject({ pending: 1, badge: 1 });
    expect(await t.raw('carol')('accessInbox', { include: 'pending' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const [outcome] = await t.as('sam')('decideAccess', { requestIds: [mine.id], decision: 'approve', minutes: 30 });
    expect(outcome).toMatchObject({ id: mine.id, ok: true, status: 'approved' });
    const [now] = await carol('myAccessRequests', {});
    expect(now).toMatchObject({ status: 'approved', grantedMinutes: 30, remainingMinutes: 30 });
    expect(await t.as('sam')('accessAlerts', {})).toMatchObject({ pending: 0, badge: 0 });
  });

  it('bulk decisions report each request on its own; narrowing goes one at a time', async () => {
    const t = await fixture();
    const carol = t.as('carol');
    const plain = await carol('requestAccess', { encounterId: t.encounterId, sectionCodes: [LOINC.plan], purpose: 'inpatient_coding', justification: WHY });
    const part2 = await carol('requestAccess', { encounterId: t.encounterId, sectionCodes: [LOINC.social], purpose: 'inpatient_coding', justification: WHY });
    const own = await t.as('sam')('requestAccess', { encounterId: t.encounterId, sectionCodes: [LOINC.hpi], purpose: 'compliance_inquiry', justification: WHY });
    const inbox = await t.as('sam')('accessInbox', { include: 'pending' });
    expect(Object.fromEntries(inbox.map((r) => [r.id, r.cannotApproveReason]))).toEqual({ [plain.id]: null, [part2.id]: 'Needs a privacy officer', [own.id]: 'Your own request' });

    const outcomes = await t.as('sam')('decideAccess', { requestIds: [plain.id, part2.id, own.id], decision: 'approve' });
    expect(outcomes.map((o) => [o.id, o.ok, o.error?.code ?? null])).toEqual([
      [plain.id, true, null],
      [part2.id, false, 'FORBIDDEN'],
      [own.id, false, 'FORBIDDEN'],
    ]);
    expect(await t.raw('sam')('decideAccess', { requestIds: [part2.id], decision: 'deny' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await t.raw('pat')('decideAccess', { requestIds: [part2.id, own.id], decision: 'approve', narrow: { labels: ['ETH'] } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const denied = await t.as('pat')('decideAccess', { requestIds: [part2.id, own.id], decision: 'deny', reason: 'Use the coding summary instead' });
    expect(denied.map((o) => o.status)).toEqual(['denied', 'denied']);
    const [mineAfter] = (await carol('myAccessRequests', {})).filter((r) => r.id === part2.id);
    expect(mineAfter).toMatchObject({ status: 'denied', decisionReason: 'Use the coding summary instead' });
  });

  it('an approver narrows a whole-encounter request to the sections coding needs; the requester can withdraw or end a grant', async () => {
    const t = await fixture();
    const carol = t.as('carol');
    const whole = await carol('requestAccess', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: WHY });
    const [o] = await t.as('pat')('decideAccess', { requestIds: [whole.id], decision: 'approve', narrow: { sectionCodes: [LOINC.plan, LOINC.hpi] } });
    expect(o!.ok).toBe(true);
    expect(t.backend.access.activeGrants(t.ids.carol!)[0]!.scope.sectionCodes).toEqual([LOINC.hpi, LOINC.plan]);
    expect(await carol('revokeAccess', { requestId: whole.id, reason: 'done coding' })).toMatchObject({ status: 'revoked' });

    const dates = await carol('requestAccess', { encounterId: t.encounterId, dates: { from: '2026-01-01', to: '2026-01-31' }, labels: ['PSY'], purpose: 'inpatient_coding', justification: WHY });
    expect(dates.scope).toMatchObject({ encounterId: null, from: '2026-01-01', to: '2026-01-31', labels: ['PSY'] });
    expect(await carol('withdrawAccessRequest', { requestId: dates.id })).toMatchObject({ status: 'withdrawn' });
    expect(await t.raw('admin')('requestAccess', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: WHY })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await carol('accessPolicy', {})).toMatchObject({ maxRequestMinutes: 480, defaultRequestMinutes: 480, breakGlassMinutes: 60, reviewWithinDays: 7, minJustification: 20 });
  });
});
