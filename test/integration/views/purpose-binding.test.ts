/**
 * A chart opens only for an encounter the viewer's worklist or a grant gives it, under a purpose
 * declared for that very encounter — checked at the declaration AND at every later use, so a claim
 * by another coder, a revoked grant or a reversed denial between two steps refuses the second step.
 */
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/result';
import { withUsers } from '../../support/backend';
import { denyClaimOf, remitAgain, seedClaim } from '../../support/billing';
import { DISCHARGE, writeSampleChart } from '../../support/charts';
import { signIn } from '../../support/sign-in';
import { refusedAfter } from '../../support/toctou';

const WHY = 'Need the full chart to code the principal diagnosis correctly.';

async function setup() {
  const t = await withUsers([
    ['cora', 'coder'],
    ['carl', 'coder'],
    ['sam', 'supervisor'],
    ['bill', 'biller'],
  ]);
  const chart = writeSampleChart(t.backend.store.db);
  const cora = await signIn(t, 'cora-win', 'cora');
  const carl = await signIn(t, 'carl-win', 'carl');
  return { t, chart, cora, carl };
}

const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

describe('purpose bound to an encounter the worklist or a grant gives', () => {
  it('refuses a purpose declared for no encounter (the contract requires one)', async () => {
    const { t, chart } = await setup();
    expect(code(await t.raw('cora-win')('declarePurpose', { purpose: 'inpatient_coding' }))).toBe('BAD_REQUEST');
    expect(code(await t.raw('cora-win')('openChart', { encounterId: chart.encounterId }))).toBe('PURPOSE_REQUIRED');
  });

  it('refuses to declare a purpose for, or open, an encounter claimed by another coder; audited as denied', async () => {
    const { t, chart, carl } = await setup();
    await carl('claimEncounter', { encounterId: chart.encounterId });
    // Cora's purpose for another encounter of hers does not carry over to carl's.
    await t.as('cora-win')('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.otherEncounterId });
    expect(code(await t.raw('cora-win')('openChart', { encounterId: chart.encounterId }))).toBe('FORBIDDEN');
    const declared = await t.raw('cora-win')('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
    expect(code(declared)).toBe('FORBIDDEN');
    expect(JSON.stringify(declared)).not.toMatch(/pancreatitis|Okonkwo/);
    // The refused declaration left the earlier one in place: still bound to the other encounter.
    expect(code(await t.raw('cora-win')('openChart', { encounterId: chart.encounterId }))).toBe('FORBIDDEN');
    const denied = t.backend.store.db
      .prepare("SELECT user_id AS u, encounter_id AS e FROM audit_event WHERE event_type = 'purpose.declare' AND outcome = 'denied'")
      .all() as Array<{ u: number; e: number }>;
    expect(denied).toEqual([{ u: t.ids.cora, e: chart.encounterId }]);
    // Carl, whose worklist holds it, opens it.
    await carl('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
    expect((await carl('openChart', { encounterId: chart.encounterId })).documents.length).toBeGreaterThan(0);
  });

  it('time of check / time of use: another coder claims the encounter between declaring and opening', async () => {
    const { t, chart, cora, carl } = await setup();
    await cora('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
    const view = await cora('openChart', { encounterId: chart.encounterId });
    const handle = view.documents[0]!.id;
    const doc = await cora('openDocument', { documentId: handle });
    const section = doc.sections.find((s) => s.visibility === 'visible')!;
    await refusedAfter(
      () => carl('claimEncounter', { encounterId: chart.encounterId }),
      [
        () => t.raw('cora-win')('openChart', { encounterId: chart.encounterId }),
        () => t.raw('cora-win')('openDocument', { documentId: handle }),
        () => t.raw('cora-win')('findInChart', { encounterId: chart.encounterId, query: 'pancreatitis' }),
        () => t.raw('cora-win')('createQuery', { encounterId: chart.encounterId, question: 'Please clarify the type of pancreatitis.', options: ['Alcoholic', 'Biliary'], facts: [{ sectionId: section.id, start: 0, end: 12 }] }),
      ],
      { refusedWith: ['FORBIDDEN'], mustNotContain: [DISCHARGE.slice(200, 260), 'Okonkwo'] },
    );
  });

  it('time of check / time of use: a grant gives an encounter; its revocation takes it back on the next call', async () => {
    const { t, chart, carl } = await setup();
    await carl('claimEncounter', { encounterId: chart.encounterId });
    const cora = t.as('cora-win');
    const req = await cora('requestAccess', { encounterId: chart.encounterId, sectionCodes: ['10164-2'], purpose: 'inpatient_coding', justification: WHY });
    const sam = await signIn(t, 'sam-win', 'sam');
    expect(code(await t.raw('cora-win')('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId }))).toBe('FORBIDDEN');
    await sam('decideAccess', { requestIds: [req.id], decision: 'approve' });
    await cora('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
    const view = await cora('openChart', { encounterId: chart.encounterId });
    const handle = view.documents[0]!.id;
    await cora('openDocument', { documentId: handle });
    // A grant for this purpose does not open the chart under another one.
    expect(code(await t.raw('cora-win')('declarePurpose', { purpose: 'profee_coding', encounterId: chart.encounterId }))).toBe('FORBIDDEN');
    await refusedAfter(
      () => sam('revokeAccess', { requestId: req.id, reason: 'No longer needed' }),
      [() => t.raw('cora-win')('openChart', { encounterId: chart.encounterId }), () => t.raw('cora-win')('openDocument', { documentId: handle })],
      { refusedWith: ['FORBIDDEN'], mustNotContain: ['pancreatitis'] },
    );
  });

  it('concurrency: of many opens in flight around a claim by another coder, exactly those dispatched before it succeed', async () => {
    const { t, chart, cora } = await setup();
    await cora('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
    const handle = (await cora('openChart', { encounterId: chart.encounterId })).documents[0]!.id;
    const before = Array.from({ length: 15 }, () => t.raw('cora-win')('openDocument', { documentId: handle }));
    const claim = t.raw('carl-win')('claimEncounter', { encounterId: chart.encounterId });
    const after = Array.from({ length: 15 }, () => t.raw('cora-win')('openDocument', { documentId: handle }));
    const [b, c, a] = await Promise.all([Promise.all(before), claim, Promise.all(after)]);
    expect(c.ok).toBe(true);
    expect(b.map(code)).toEqual(Array(15).fill('ok'));
    expect(a.map(code)).toEqual(Array(15).fill('FORBIDDEN'));
    // And the audit agrees: no successful open of cora's after carl's claim.
    const db = t.backend.store.db;
    const claimSeq = (db.prepare("SELECT seq FROM audit_event WHERE event_type = 'worklist.claim'").get() as { seq: number }).seq;
    const late = db.prepare("SELECT COUNT(*) AS n FROM audit_event WHERE event_type = 'document.open' AND outcome = 'success' AND user_id = ? AND seq > ?").get(t.ids.cora, claimSeq) as { n: number };
    expect(late.n).toBe(0);
  });

  it('a biller opens, under a dispute or a claim edit, only encounters with a claim on the denial worklist; a reversal takes it back', async () => {
    const { t, chart } = await setup();
    const db = t.backend.store.db;
    const paid = seedClaim(db, { index: 3, remitDate: '2025-12-01', denied: false });
    const bill = await signIn(t, 'bill-win', 'bill');
    for (const purpose of ['denial_dispute', 'claim_edit'] as const) {
      expect(code(await t.raw('bill-win')('declarePurpose', { purpose, encounterId: paid.encounterId }))).toBe('FORBIDDEN');
      expect(code(await t.raw('bill-win')('declarePurpose', { purpose, encounterId: chart.encounterId }))).toBe('FORBIDDEN');
    }
    const denial = denyClaimOf(db, { patientId: chart.patientId, encounterId: chart.encounterId, sourceId: 'bind-1', remitDate: '2024-04-01' });
    await bill('declarePurpose', { purpose: 'claim_edit', encounterId: chart.encounterId });
    await bill('openChart', { encounterId: chart.encounterId });
    await bill('declarePurpose', { purpose: 'denial_dispute', encounterId: chart.encounterId });
    const view = await bill('openChart', { encounterId: chart.encounterId });
    await refusedAfter(
      () => remitAgain(db, { claimNumber: denial.claimNumber, memberId: 'MBR-bind-1', payerClaimControl: 'ICN-bind-1' }, { sourceId: 'bind-1-paid', remitDate: '2024-05-01', denied: false }),
      [() => t.raw('bill-win')('openChart', { encounterId: chart.encounterId }), () => t.raw('bill-win')('openDocument', { documentId: view.documents[0]!.id })],
      { refusedWith: ['FORBIDDEN'], mustNotContain: ['pancreatitis'] },
    );
  });

  it('a supervisor, like anyone, opens a chart only from the worklist or under a grant', async () => {
    const { t, chart, carl } = await setup();
    await carl('claimEncounter', { encounterId: chart.encounterId });
    await signIn(t, 'sam-win', 'sam');
    expect(code(await t.raw('sam-win')('declarePurpose', { purpose: 'compliance_inquiry', encounterId: chart.encounterId }))).toBe('FORBIDDEN');
    await carl('claimEncounter', { encounterId: chart.encounterId, release: true });
    await t.as('sam-win')('declarePurpose', { purpose: 'compliance_inquiry', encounterId: chart.encounterId });
    expect((await t.as('sam-win')('openChart', { encounterId: chart.encounterId })).encounter.id).toBe(chart.encounterId);
  });
});
