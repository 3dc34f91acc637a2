/**
 * Packet work only on claims on the denial worklist (the latest remittance a denial), checked at
 * every step — draft, check, export, status, history — not only when the worklist is listed.
 */
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/result';
import { withUsers } from '../../support/backend';
import { CANARY, remitAgain, seedClaim } from '../../support/billing';
import { NEW_PASSWORD, signIn } from '../../support/sign-in';
import { refusedAfter } from '../../support/toctou';

const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);
/** Text of the seeded note that a draft would carry. */
const NOTE_TEXT = 'drug-eluting stent';

async function setup() {
  const t = await withUsers([['bill', 'biller']]);
  const db = t.backend.store.db;
  const denied = seedClaim(db, { index: 0, remitDate: '2025-12-01' });
  const paid = seedClaim(db, { index: 1, remitDate: '2025-12-01', denied: false });
  const bill = await signIn(t, 'w-bill', 'bill');
  return { t, db, denied, paid, bill };
}

const count = (t: Awaited<ReturnType<typeof setup>>['t'], table: string) => (t.backend.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('packet work is for claims on the denial worklist only', () => {
  it('refuses a paid claim at every step, without its member id, diagnoses or note text', async () => {
    const { t, paid, bill } = await setup();
    expect((await bill('denialWorklist', {})).rows.map((r) => r.claimId)).not.toContain(paid.claimId);
    const replies = [
      await t.raw('w-bill')('packetDraft', { claimId: paid.claimId }),
      await t.raw('w-bill')('packetCheck', { claimId: paid.claimId, recipient: 'Acme', letter: 'Dear payer', excerpts: [] }),
      await t.raw('w-bill')('setDenialStatus', { claimId: paid.claimId, status: 'in_work' }),
      await t.raw('w-bill')('packetHistory', { claimId: paid.claimId }),
      await t.raw('w-bill')('declarePurpose', { purpose: 'claim_edit', encounterId: paid.encounterId }),
      await t.raw('w-bill')('declarePurpose', { purpose: 'denial_dispute', encounterId: paid.encounterId }),
    ];
    expect(replies.map(code)).toEqual(Array(replies.length).fill('FORBIDDEN'));
    const text = JSON.stringify(replies);
    for (const s of [paid.memberId, 'I21.4', NOTE_TEXT, CANARY.family]) expect(text).not.toContain(s);
    expect(t.backend.store.db.prepare("SELECT work_status AS s FROM claim WHERE id = ?").get(paid.claimId)).toEqual({ s: 'new' });
    const refused = t.backend.store.db.prepare("SELECT COUNT(*) AS n FROM audit_event WHERE event_type = 'packet.refused' AND outcome = 'denied'").get() as { n: number };
    expect(refused.n).toBeGreaterThanOrEqual(2);
  });

  it('time of check / time of use: a draft started on a denied claim whose denial a newer remittance reverses', async () => {
    const { t, db, denied, bill } = await setup();
    const draft = await bill('packetDraft', { claimId: denied.claimId });
    const course = draft.sources[0]!.sections.find((s) => s.title === 'HOSPITAL COURSE')!;
    const pick = { claimId: denied.claimId, recipient: 'Acme Appeals', letter: draft.letterTemplate, excerpts: [{ sectionId: course.id, reason: 'Documents the stent placement' }] };
    await refusedAfter(
      () => remitAgain(db, denied, { sourceId: 'r0-paid', remitDate: '2025-12-20', denied: false }),
      [
        () => t.raw('w-bill')('packetDraft', { claimId: denied.claimId }),
        () => t.raw('w-bill')('packetCheck', pick),
        () => t.raw('w-bill')('packetHistory', { claimId: denied.claimId }),
        () => t.raw('w-bill')('openChart', { encounterId: denied.encounterId }),
      ],
      { refusedWith: ['FORBIDDEN'], mustNotContain: [denied.memberId, NOTE_TEXT] },
    );
    // Denied again by a still newer remittance: back on the worklist, work resumes.
    remitAgain(db, denied, { sourceId: 'r0-denied-again', remitDate: '2026-01-02', denied: true });
    expect(code(await t.raw('w-bill')('packetDraft', { claimId: denied.claimId }))).toBe('ok');
  });

  it('time of check / time of use: a checked packet is not exported once the denial is reversed; no file, packet or disclosure remains', async () => {
    const { t, db, denied, bill } = await setup();
    const draft = await bill('packetDraft', { claimId: denied.claimId });
    const course = draft.sources[0]!.sections.find((s) => s.title === 'HOSPITAL COURSE')!;
    const check = await bill('packetCheck', { claimId: denied.claimId, recipient: 'Acme Appeals', letter: draft.letterTemplate, excerpts: [{ sectionId: course.id, reason: 'Documents the stent placement' }] });
    await bill('reauthenticate', { password: NEW_PASSWORD, for: 'packetExport' });
    remitAgain(db, denied, { sourceId: 'r0-paid', remitDate: '2025-12-20', denied: false });
    expect(code(await t.raw('w-bill')('packetExport', { checkId: check.checkId, confirmed: true }))).toBe('FORBIDDEN');
    expect(t.exports).toEqual([]);
    expect([count(t, 'packet'), count(t, 'disclosure')]).toEqual([0, 0]);
  });

  it('the commit re-checks after the save dialog: a reversal while the dialog is open removes the written file', async () => {
    const { t, db, denied, bill } = await setup();
    const draft = await bill('packetDraft', { claimId: denied.claimId });
    const course = draft.sources[0]!.sections.find((s) => s.title === 'HOSPITAL COURSE')!;
    const check = await bill('packetCheck', { claimId: denied.claimId, recipient: 'Acme Appeals', letter: draft.letterTemplate, excerpts: [{ sectionId: course.id, reason: 'Documents the stent placement' }] });
    await bill('reauthenticate', { password: NEW_PASSWORD, for: 'packetExport' });
    // The export awaits the save dialog; the reversal lands in that gap.
    const exporting = t.raw('w-bill')('packetExport', { checkId: check.checkId, confirmed: true });
    remitAgain(db, denied, { sourceId: 'r0-paid', remitDate: '2025-12-20', denied: false });
    expect(code(await exporting)).toBe('FORBIDDEN');
    expect([count(t, 'packet'), count(t, 'disclosure')]).toEqual([0, 0]);
    const fs = await import('node:fs');
    expect(t.exports.filter((f) => fs.existsSync(f))).toEqual([]);
  });

  it('concurrency: drafts of paid and denied claims in flight at once; only the denied ones open', async () => {
    const { t, denied, paid } = await setup();
    const calls = Array.from({ length: 20 }, (_, i) => t.raw('w-bill')('packetDraft', { claimId: i % 2 ? paid.claimId : denied.claimId }));
    const replies = await Promise.all(calls);
    expect(replies.map(code)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? 'FORBIDDEN' : 'ok')));
    for (const r of replies.filter((x) => !x.ok)) expect(JSON.stringify(r)).not.toContain(paid.memberId);
  });
});
