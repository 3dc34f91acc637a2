/**
 * Packets from an 835 alone: a remittance imported with no stored claim (837 / FHIR Claim) behind it
 * is the source of the claim's minimum data set — draft, check and export through the dispatcher
 * with the same denial-worklist check; a paid remittance-only claim is refused like a paid claim.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli';
import { APP_INFO } from '../../../electron/core/app-info';
import { createBackend } from '../../../electron/core/backend';
import type { Result } from '../../../shared/result';
import { withUsers } from '../../support/backend';
import { seedClaim } from '../../support/billing';
import { parsePdf } from '../../support/pdf-text';
import { importRemitOnly, REMIT_ONLY, remitClaimIdOf, remitOnly835 } from '../../support/remit-only';
import { NEW_PASSWORD, signIn } from '../../support/sign-in';
import { newKey, sha256, tmpDir } from '../../support/tmp';

const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);
const count = (db: { prepare: (s: string) => { get: () => unknown } }, table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

async function setup() {
  const t = await withUsers([['bill', 'biller']]);
  const db = t.backend.store.db;
  await importRemitOnly(db, t.backend.audit);
  expect(count(db, 'claim')).toBe(0); // the 835 alone
  const bill = await signIn(t, 'w-bill', 'bill');
  return { t, db, bill, denied: remitClaimIdOf(db, REMIT_ONLY.denied), paid: remitClaimIdOf(db, REMIT_ONLY.paid) };
}

/** What the PDF must show from the remittance: codes as billed, charges, paid, CARC/RARC per line, ids. */
const MINIMUM = [REMIT_ONLY.denied, REMIT_ONLY.memberId, REMIT_ONLY.payerClaimControl, REMIT_ONLY.renderingNpi, '2026-10-02', '99215', '25', 'J1885', '$300.00', '$44.00', '$344.00', 'CO-50', 'CO-16', 'N290', 'M76'];

describe('dispute packets from a remittance alone', () => {
  it('drafts, checks and exports a packet for the denied remittance-only claim; the PDF shows the claim as billed', async () => {
    const { t, db, bill, denied } = await setup();
    const list = await bill('denialWorklist', {});
    expect(list.rows.map((r) => [r.claimNumber, r.claimId, r.remitClaimId])).toEqual([[REMIT_ONLY.denied, null, denied]]);

    const draft = await bill('packetDraft', { remitClaimId: denied });
    expect(draft.summary).toMatchObject({ claimId: null, remitClaimId: denied, claimNumber: REMIT_ONLY.denied, memberId: REMIT_ONLY.memberId, payerClaimControl: REMIT_ONLY.payerClaimControl, billed: 344, paid: 0 });
    // SVC06: the code and modifiers as billed, not as the payer recoded them.
    expect(draft.summary.lines.map((l) => [l.code, l.modifiers, l.units, l.charge, l.paid, l.serviceDate, l.renderingNpi])).toEqual([
      ['99215', ['25'], 1, 300, 0, '2026-10-02', REMIT_ONLY.renderingNpi],
      ['J1885', [], 2, 44, 0, '2026-10-02', REMIT_ONLY.renderingNpi],
    ]);
    expect(draft.summary.adjustments.map((a) => [a.lineNo, `${a.group}-${a.code}`])).toEqual([[1, 'CO-50'], [2, 'CO-16']]);
    expect(draft.summary.remarks.map((m) => [m.lineNo, m.code])).toEqual([[1, 'N290'], [2, 'M76']]);
    expect(draft.sources).toEqual([]); // no chart in the store
    expect(JSON.stringify(draft)).not.toContain(REMIT_ONLY.patientFamily);

    const check = await bill('packetCheck', { remitClaimId: denied, recipient: 'Acme Appeals', letter: draft.letterTemplate, excerpts: [] });
    expect(check.identifiers.map((i) => i.text)).toEqual(expect.arrayContaining([REMIT_ONLY.memberId, REMIT_ONLY.denied]));
    await bill('reauthenticate', { password: NEW_PASSWORD, for: 'packetExport' });
    const out = await bill('packetExport', { checkId: check.checkId, confirmed: true });
    const bytes = t.lastExport();
    const text = (await parsePdf(bytes)).pages.flat().join('\n');
    for (const v of MINIMUM) expect(text).toContain(v);
    expect(text).not.toContain(REMIT_ONLY.patientFamily); // NM1*QC is kept to match, never disclosed
    expect(text).not.toMatch(/\b99213\b/); // the payer's recoding is not what was billed

    // Recorded like any packet: the packet, the disclosure (under a patient record keyed by payer and member id), the audit.
    const packet = db.prepare('SELECT claim_id, claim_number, patient_id, sha256 FROM packet WHERE id = ?').get(out.packetId) as { claim_id: null; claim_number: string; patient_id: number; sha256: string };
    expect(packet).toMatchObject({ claim_id: null, claim_number: REMIT_ONLY.denied, sha256: out.sha256 });
    expect(db.prepare('SELECT patient_id, packet_id FROM disclosure').all()).toEqual([{ patient_id: packet.patient_id, packet_id: out.packetId }]);
    const events = db.prepare("SELECT event_type, patient_id FROM audit_event WHERE event_type IN ('packet.draft', 'packet.check', 'packet.export') ORDER BY seq").all();
    expect(events).toEqual([
      { event_type: 'packet.draft', patient_id: null },
      { event_type: 'packet.check', patient_id: null },
      { event_type: 'packet.export', patient_id: packet.patient_id },
    ]);
    // The history and the worklist know the packet; a second packet finds the same patient record.
    expect((await bill('packetHistory', { remitClaimId: denied })).map((h) => h.id)).toEqual([out.packetId]);
    expect((await bill('denialWorklist', {})).rows[0]!.packets).toBe(1);
    const again = await bill('packetCheck', { remitClaimId: denied, recipient: 'Acme Appeals', letter: draft.letterTemplate, excerpts: [] });
    await bill('reauthenticate', { password: NEW_PASSWORD, for: 'packetExport' });
    await bill('packetExport', { checkId: again.checkId, confirmed: true });
    expect(db.prepare('SELECT COUNT(DISTINCT patient_id) AS n FROM disclosure').get()).toEqual({ n: 1 });
  });

  it('refuses a paid remittance-only claim at every step, without its member id; an unknown one is not found', async () => {
    const { t, db, paid } = await setup();
    const replies = [
      await t.raw('w-bill')('packetDraft', { remitClaimId: paid }),
      await t.raw('w-bill')('packetCheck', { remitClaimId: paid, recipient: 'Acme', letter: 'Dear payer', excerpts: [] }),
      await t.raw('w-bill')('packetHistory', { remitClaimId: paid }),
    ];
    expect(replies.map(code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(JSON.stringify(replies)).not.toContain('MEMBPAID9');
    expect(code(await t.raw('w-bill')('packetDraft', { remitClaimId: 999_999 }))).toBe('NOT_FOUND');
    expect(code(await t.raw('w-bill')('packetDraft', { remitClaimId: paid, claimId: paid }))).toBe('BAD_REQUEST');
    expect(count(db, 'packet') + count(db, 'disclosure')).toBe(0);
    const refused = db.prepare("SELECT COUNT(*) AS n FROM audit_event WHERE event_type = 'packet.refused' AND outcome = 'denied'").get() as { n: number };
    expect(refused.n).toBe(3); // the two refusals and the unknown claim, as for stored claims
  });

  it('concurrently: many drafts and checks at once on the denied and the paid remittance-only claims answer as one at a time', async () => {
    const { t, denied, paid } = await setup();
    const call = t.raw('w-bill');
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        const remitClaimId = i % 2 ? paid : denied;
        return i % 3 ? call('packetDraft', { remitClaimId }) : call('packetCheck', { remitClaimId, recipient: 'Acme', letter: 'Dear payer', excerpts: [] });
      }),
    );
    expect(replies.map(code)).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 ? 'FORBIDDEN' : 'ok')));
    expect(JSON.stringify(replies.filter((_, i) => i % 2))).not.toContain('MEMBPAID9');
  });

  it('time of check / time of use: a checked packet is not exported once a newer remittance pays the claim', async () => {
    const { t, db, bill, denied } = await setup();
    const draft = await bill('packetDraft', { remitClaimId: denied });
    const check = await bill('packetCheck', { remitClaimId: denied, recipient: 'Acme Appeals', letter: draft.letterTemplate, excerpts: [] });
    await bill('reauthenticate', { password: NEW_PASSWORD, for: 'packetExport' });
    const base = remitOnly835();
    const c = base.claims[0]!;
    await importRemitOnly(db, t.backend.audit, {
      ...base,
      transactionControl: '0002',
      checkNumber: 'EFT7002',
      paymentDate: '2026-12-01',
      claims: [{ ...c, statusCode: '1', paid: 344, lines: c.lines.map((l) => ({ ...l, paid: l.billed, adjustments: [], rarc: [] })) }],
    });
    expect(code(await t.raw('w-bill')('packetExport', { checkId: check.checkId, confirmed: true }))).toBe('FORBIDDEN');
    expect(code(await t.raw('w-bill')('packetDraft', { remitClaimId: denied }))).toBe('FORBIDDEN'); // the older remittance no longer counts
    expect(t.exports).toEqual([]);
    expect(count(db, 'packet') + count(db, 'disclosure')).toBe(0);
  });
});

describe('a remittance with a stored claim behind it', () => {
  it('is the stored claim (today\'s behaviour; no reconciliation): its remitClaimId opens the stored claim', async () => {
    const t = await withUsers([['bill', 'biller']]);
    const db = t.backend.store.db;
    const seeded = seedClaim(db, { index: 0, remitDate: '2025-12-01' });
    const bill = await signIn(t, 'w-bill', 'bill');
    const remitClaimId = (db.prepare('SELECT id FROM remit_claim WHERE claim_id = ?').get(seeded.claimId) as { id: number }).id;
    const byRemit = await bill('packetDraft', { remitClaimId });
    const byClaim = await bill('packetDraft', { claimId: seeded.claimId });
    expect(byRemit.summary).toEqual(byClaim.summary);
    expect(byRemit.summary).toMatchObject({ claimId: seeded.claimId, remitClaimId });
    expect(byRemit.summary.diagnoses.length).toBeGreaterThan(0); // from the stored claim
  });
});

describe('ntk packet build on a remittance-only claim', () => {
  async function ntk(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, {}, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  }

  it('builds the packet from the 835 alone by claim number, and refuses the paid claim', async () => {
    const dir = tmpDir();
    const { file, keys } = newKey(dir);
    const db = path.join(dir, 'cli.ntk');
    const backend = createBackend({ app: APP_INFO, store: { path: db, keys, create: true } });
    await importRemitOnly(backend.store.db, backend.audit);
    backend.close();

    const out = path.join(dir, 'packet.pdf');
    const r = await ntk(['packet', 'build', '--db', db, '--key-file', file, '--claim', REMIT_ONLY.denied, '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout).value;
    expect(summary.sha256).toBe(sha256(out));
    expect(summary.elements).toEqual(expect.arrayContaining(['Dates of service', 'Member id']));
    expect(r.stdout).not.toContain(REMIT_ONLY.memberId);
    const text = (await parsePdf(fs.readFileSync(out))).pages.flat().join('\n');
    for (const v of MINIMUM) expect(text).toContain(v);
    expect(text).not.toContain(REMIT_ONLY.patientFamily);

    const refused = await ntk(['packet', 'build', '--db', db, '--key-file', file, '--claim', REMIT_ONLY.paid, '--out', path.join(dir, 'paid.pdf'), '--json']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr + refused.stdout).toMatch(/not on the denial worklist/);
    expect(fs.existsSync(path.join(dir, 'paid.pdf'))).toBe(false);
    const missing = await ntk(['packet', 'build', '--db', db, '--key-file', file, '--claim', 'NO-SUCH', '--out', path.join(dir, 'x.pdf'), '--json']);
    expect(missing.stderr + missing.stdout).toMatch(/No stored claim or remittance has that claim number/);
  });
});
