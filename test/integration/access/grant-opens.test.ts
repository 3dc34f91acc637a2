/**
 * What a grant opens, through the real dispatcher and store: narrowing only ever removes (break 7),
 * and a grant opens only the labels its approvers were entitled to, decided when a view is built
 * against the chart as it is then (break 8) — with the chart or the grant changed between the
 * approval (the check) and the view (the use).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GrantLabel } from '../../../shared/access-types';
import { accessFixture, LOINC } from '../../support/access';
import { addEncounter, importNote, seeEncounter, shows } from '../../support/grant-views';

const WHY = 'Needed to validate the principal diagnosis for DRG assignment.';
const users: Array<[string, 'coder' | 'supervisor' | 'privacy_officer']> = [['carol', 'coder'], ['sam', 'supervisor'], ['pat', 'privacy_officer']];
const fixture = () => accessFixture(users, { changePasswords: true });

/** Phrases of the fixture note (test/support/access.ts NOTE), by the section that holds them. */
const PSYCHOTHERAPY = 'processing grief';
const PART2 = 'methadone';
const MENTAL = 'Depressed mood';

const CLEAN = 'HISTORY OF PRESENT ILLNESS: Knee pain after a fall on ice.\nASSESSMENT AND PLAN: Sprain; rest and follow up.';
const SUD = 'HISTORY OF PRESENT ILLNESS: Follow-up of the knee sprain.\nSOCIAL HISTORY: Opioid use disorder, on methadone maintenance at the clinic.';
const THERAPY = 'HISTORY OF PRESENT ILLNESS: Follow-up of the knee sprain.\nPSYCHOTHERAPY NOTE: Session content discussed; patient processing grief in therapy session.';

describe('narrowing an approval only ever removes (break 7)', () => {
  it('a whole-encounter request narrowed to psychotherapy notes is refused, and the unnarrowed grant does not show them', async () => {
    const t = await fixture();
    const carol = t.as('carol');
    const whole = await carol('requestAccess', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: WHY });
    const [narrowed] = await t.as('pat')('decideAccess', { requestIds: [whole.id], decision: 'approve', narrow: { labels: ['PSYTHPN'] } });
    expect(narrowed).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(shows(await seeEncounter(t, 'carol', t.encounterId), PSYCHOTHERAPY)).toBe(false);
    // Narrowed to the section code the psychotherapy note carries ('unknown'): allowed, and still closed.
    const [bySection] = await t.as('pat')('decideAccess', { requestIds: [whole.id], decision: 'approve', narrow: { sectionCodes: ['unknown'] } });
    expect(bySection).toMatchObject({ ok: true, status: 'approved' });
    expect(shows(await seeEncounter(t, 'carol', t.encounterId), PSYCHOTHERAPY)).toBe(false);
    await carol('revokeAccess', { requestId: whole.id, reason: 'done coding' });

    const again = await carol('requestAccess', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: WHY });
    await t.as('pat')('decideAccess', { requestIds: [again.id], decision: 'approve' });
    const seen = await seeEncounter(t, 'carol', t.encounterId);
    expect([shows(seen, PART2), shows(seen, MENTAL), shows(seen, PSYCHOTHERAPY)]).toEqual([true, true, false]);
  });

  it('for random requests and narrowings, what the narrowed grant shows is a subset of what the unnarrowed grant shows', async () => {
    const t = await fixture();
    const carol = t.as('carol');
    const pat = t.as('pat');
    const codes = [LOINC.hpi, LOINC.social, LOINC.mental, LOINC.plan, 'unknown'];
    const labels: GrantLabel[] = ['ETH', 'PSY', 'PSYTHPN'];
    const lists = { sectionCodes: fc.oneof(fc.constant(undefined), fc.subarray(codes, { minLength: 1 })), labels: fc.oneof(fc.constant(undefined), fc.subarray(labels, { minLength: 1 })) };
    const ask = (wide: { sectionCodes?: string[]; labels?: GrantLabel[] }) =>
      carol('requestAccess', { encounterId: t.encounterId, ...(wide.sectionCodes ? { sectionCodes: wide.sectionCodes } : {}), ...(wide.labels ? { labels: wide.labels } : {}), purpose: 'inpatient_coding', justification: WHY });
    await fc.assert(
      fc.asyncProperty(fc.record(lists), fc.record(lists), async (wide, narrow) => {
        const base = await ask(wide);
        await pat('decideAccess', { requestIds: [base.id], decision: 'approve' });
        const underWide = await seeEncounter(t, 'carol', t.encounterId);
        await carol('revokeAccess', { requestId: base.id, reason: 'next case' });

        const r = await ask(wide);
        const [o] = await pat('decideAccess', { requestIds: [r.id], decision: 'approve', narrow: { ...(narrow.sectionCodes ? { sectionCodes: narrow.sectionCodes } : {}), ...(narrow.labels ? { labels: narrow.labels } : {}) } });
        if (!o!.ok) {
          expect(o!.error?.code).toBe('BAD_REQUEST');
          await carol('withdrawAccessRequest', { requestId: r.id });
          return;
        }
        const underNarrow = await seeEncounter(t, 'carol', t.encounterId);
        await carol('revokeAccess', { requestId: r.id, reason: 'next case' });
        for (const text of underNarrow.texts) expect(underWide.texts, JSON.stringify({ wide, narrow })).toContain(text);
      }),
      { numRuns: 20 },
    );
  });
});

describe('a grant opens only what its approvers were entitled to, as the chart is at view time (break 8)', () => {
  it('a supervisor approves a whole encounter holding nothing sensitive; a Part 2 note imported afterwards stays hidden under that grant', async () => {
    const t = await fixture();
    const carol = t.as('carol');
    const enc = addEncounter(t, t.patientId, 'e-clean');
    importNote(t, { patientId: t.patientId, encounterId: enc, sourceId: 'd-clean', text: CLEAN });
    const r = await carol('requestAccess', { encounterId: enc, purpose: 'inpatient_coding', justification: WHY });
    expect(t.backend.access.repo.get(r.id)!.needs_privacy_officer).toBe(0);
    expect((await t.as('sam')('decideAccess', { requestIds: [r.id], decision: 'approve' }))[0]).toMatchObject({ ok: true, status: 'approved' });
    expect(shows(await seeEncounter(t, 'carol', enc), 'Knee pain')).toBe(true);

    // Check done (approved); the chart changes; then the use.
    importNote(t, { patientId: t.patientId, encounterId: enc, sourceId: 'd-sud', text: SUD });
    const afterImport = await seeEncounter(t, 'carol', enc);
    expect(shows(afterImport, PART2)).toBe(false);
    expect(shows(afterImport, 'Follow-up of the knee sprain')).toBe(true);
    expect((await carol('findInChart', { encounterId: enc, query: PART2 })).total).toBe(0);

    // The same whole-encounter grant approved by a privacy officer does show it: the approver decides.
    await carol('revokeAccess', { requestId: r.id, reason: 'asking again' });
    const r2 = await carol('requestAccess', { encounterId: enc, purpose: 'inpatient_coding', justification: WHY });
    expect((await t.as('sam')('decideAccess', { requestIds: [r2.id], decision: 'approve' }))[0]).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await t.as('pat')('decideAccess', { requestIds: [r2.id], decision: 'approve' });
    expect(shows(await seeEncounter(t, 'carol', enc), PART2)).toBe(true);

    // A psychotherapy note imported under the privacy officer's whole-encounter grant stays closed: it needs naming.
    importNote(t, { patientId: t.patientId, encounterId: enc, sourceId: 'd-therapy', text: THERAPY });
    expect(shows(await seeEncounter(t, 'carol', enc), PSYCHOTHERAPY)).toBe(false);
  });

  it('content imported between the request and the approval: the approval is judged on the chart as it is then', async () => {
    const t = await fixture();
    const carol = t.as('carol');
    const enc = addEncounter(t, t.patientId, 'e-clean');
    importNote(t, { patientId: t.patientId, encounterId: enc, sourceId: 'd-clean', text: CLEAN });
    const r = await carol('requestAccess', { encounterId: enc, purpose: 'inpatient_coding', justification: WHY });
    expect((await t.as('sam')('accessAlerts', {})).pending).toBe(1);
    importNote(t, { patientId: t.patientId, encounterId: enc, sourceId: 'd-sud', text: SUD });
    // The inbox and the badge show who must approve it now.
    const [inbox] = (await t.as('sam')('accessInbox', { include: 'pending' })).filter((x) => x.id === r.id);
    expect(inbox).toMatchObject({ canApprove: false, cannotApproveReason: 'Needs a privacy officer', needsPrivacyOfficer: true });
    expect(inbox!.scopeLabels).toContain('ETH');
    expect((await t.as('sam')('accessAlerts', {})).pending).toBe(0);
    expect((await t.as('sam')('decideAccess', { requestIds: [r.id], decision: 'approve' }))[0]).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await t.as('pat')('decideAccess', { requestIds: [r.id], decision: 'approve' }))[0]).toMatchObject({ ok: true, status: 'approved' });
    expect(shows(await seeEncounter(t, 'carol', enc), PART2)).toBe(true);
  });

  it('a grant revoked between the chart listing (check) and opening the document (use) opens nothing', async () => {
    const t = await fixture();
    const carol = t.as('carol');
    const r = await carol('requestAccess', { encounterId: t.encounterId, sectionCodes: [LOINC.mental], purpose: 'inpatient_coding', justification: WHY });
    await t.as('sam')('decideAccess', { requestIds: [r.id], decision: 'approve' });
    await carol('declarePurpose', { purpose: 'inpatient_coding', encounterId: t.encounterId });
    const chart = await carol('openChart', { encounterId: t.encounterId });
    const open = () => carol('openDocument', { documentId: chart.documents[0]!.id });
    expect(JSON.stringify(await open())).toContain(MENTAL);
    await t.as('sam')('revokeAccess', { requestId: r.id, reason: 'coding finished' });
    expect(JSON.stringify(await open())).not.toContain(MENTAL);
    expect((await carol('findInChart', { encounterId: t.encounterId, query: MENTAL })).total).toBe(0);
  });
});

describe('concurrent decisions on one request', () => {
  it('approvals racing with different narrowings: one wins, the grant is exactly its scope, the others are refused', async () => {
    const t = await accessFixture([['carol', 'coder'], ['sam', 'supervisor'], ['sue', 'supervisor'], ['pat', 'privacy_officer']], { changePasswords: true });
    const carol = t.as('carol');
    const r = await carol('requestAccess', { encounterId: t.encounterId, sectionCodes: [LOINC.mental, LOINC.plan, LOINC.social], purpose: 'inpatient_coding', justification: WHY });
    const narrowings = [{ sectionCodes: [LOINC.mental] }, { sectionCodes: [LOINC.plan] }, { sectionCodes: [LOINC.social] }, { labels: ['PSYTHPN' as const] }];
    const deciders = ['sam', 'sue', 'pat', 'pat'];
    const replies = await Promise.all(deciders.map((who, i) => t.as(who)('decideAccess', { requestIds: [r.id], decision: 'approve', narrow: narrowings[i] })));
    const outcomes = replies.map(([o]) => o!);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    for (const o of outcomes.filter((x) => !x.ok)) expect(['CONFLICT', 'FORBIDDEN', 'BAD_REQUEST']).toContain(o.error!.code);
    const [grant] = t.backend.access.activeGrants(t.ids.carol!);
    const winner = outcomes.findIndex((o) => o.ok);
    expect(grant!.scope.sectionCodes).toEqual(narrowings[winner]!.sectionCodes);
    expect(t.backend.access.repo.approvals(r.id)).toHaveLength(1);
    // What carol sees is what that one grant opens, however the race went.
    const seen = await seeEncounter(t, 'carol', t.encounterId);
    expect(shows(seen, PSYCHOTHERAPY)).toBe(false);
    expect(shows(seen, MENTAL)).toBe(winner === 0);
  });
});
