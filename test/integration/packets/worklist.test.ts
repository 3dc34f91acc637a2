import { describe, expect, it } from 'vitest';
import { carcCount, carcDescription, rarcCount, rarcDescription, UNKNOWN_CODE } from '../../../electron/core/packets/codes';
import { ageBucket } from '../../../electron/core/packets/worklist';
import { withUsers } from '../../support/backend';
import { CANARY, seedClaim } from '../../support/billing';
import { NEW_PASSWORD, signIn } from '../../support/sign-in';

describe('CARC/RARC lists', () => {
  it('ship the common codes with their published descriptions', () => {
    expect(carcCount()).toBeGreaterThanOrEqual(150);
    expect(rarcCount()).toBeGreaterThanOrEqual(150);
    expect(carcDescription('50')).toMatch(/^These are non-covered services because this is not deemed a 'medical necessity' by the payer/);
    expect(carcDescription('197')).toBe('Precertification/authorization/notification/pre-treatment absent.');
    expect(rarcDescription('n290')).toBe('Missing/incomplete/invalid rendering provider primary identifier.');
    expect(rarcDescription('ZZ9')).toBe(UNKNOWN_CODE);
  });
});

describe('denial worklist', () => {
  it('buckets ages since the remittance', () => {
    expect([0, 30, 31, 60, 61, 90, 91, 120, 121].map(ageBucket)).toEqual(['0-30', '0-30', '31-60', '31-60', '61-90', '61-90', '91-120', '91-120', '>120']);
  });

  it('lists denied and short-paid claims with codes, age and status; filters and sorts; hides paid and routine ones; billers only', async () => {
    const t = await withUsers([
      ['bill', 'biller'],
      ['priv', 'privacy_officer'],
    ]);
    const db = t.backend.store.db;
    // The test clock stands at 2026-01-05.
    const a = seedClaim(db, { index: 0, remitDate: '2025-12-20', carcs: [['CO', '197', 1500]], rarcs: ['N290'], payer: 'Acme Health Plan' }); // 16 days
    const b = seedClaim(db, { index: 1, remitDate: '2025-10-20', carcs: [['CO', '50', 1500]], payer: 'Blue Harbor Insurance' }); // 77 days
    const c = seedClaim(db, { index: 2, remitDate: '2025-06-01', carcs: [['CO', '16', 1500]], payer: 'Acme Health Plan' }); // > 120
    seedClaim(db, { index: 3, remitDate: '2025-12-01', denied: false }); // paid in full
    seedClaim(db, { index: 4, remitDate: '2025-12-01', denied: false, carcs: [['CO', '45', 200], ['PR', '2', 100]] }); // contract + coinsurance: routine
    const biller = await signIn(t, 'w-bill', 'bill');

    const all = await biller('denialWorklist', {});
    expect(all.rows.map((r) => r.claimNumber)).toEqual([c.claimNumber, b.claimNumber, a.claimNumber]); // oldest first by default (age desc)
    expect(all.rows.map((r) => r.ageBucket)).toEqual(['>120', '61-90', '0-30']);
    const rowA = all.rows.find((r) => r.claimNumber === a.claimNumber)!;
    expect(rowA).toMatchObject({ payerName: 'Acme Health Plan', billed: 1850, paid: 350, serviceStart: '2025-03-14', serviceEnd: '2025-03-17', status: 'new', ageDays: 16 });
    expect(rowA.adjustments).toEqual([{ lineNo: 1, group: 'CO', code: '197', description: 'Precertification/authorization/notification/pre-treatment absent.', amount: 1500 }]);
    expect(rowA.remarks.map((r) => [r.lineNo, r.code])).toEqual([
      [null, 'N290'],
      [1, 'M127'],
    ]);
    expect(JSON.stringify(all)).not.toContain(CANARY.family);
    expect(all.payers).toEqual(['Acme Health Plan', 'Blue Harbor Insurance']);

    expect((await biller('denialWorklist', { bucket: ['61-90', '>120'] })).rows.map((r) => r.claimNumber)).toEqual([c.claimNumber, b.claimNumber]);
    expect((await biller('denialWorklist', { payer: 'acme' })).rows).toHaveLength(2);
    expect((await biller('denialWorklist', { code: 'CO-50' })).rows.map((r) => r.claimNumber)).toEqual([b.claimNumber]);
    expect((await biller('denialWorklist', { code: 'N290' })).rows.map((r) => r.claimNumber)).toEqual([a.claimNumber]);
    expect((await biller('denialWorklist', { search: b.claimNumber.slice(-3) })).rows.map((r) => r.claimNumber)).toEqual([b.claimNumber]);
    expect((await biller('denialWorklist', { sort: 'claimNumber', dir: 'asc' })).rows.map((r) => r.claimNumber)).toEqual([a.claimNumber, b.claimNumber, c.claimNumber]);

    await biller('setDenialStatus', { claimId: b.claimId, status: 'in_work' });
    await biller('setDenialStatus', { claimId: c.claimId, status: 'lost' });
    expect((await biller('denialWorklist', { status: ['in_work', 'lost'], sort: 'status', dir: 'asc' })).rows.map((r) => [r.claimNumber, r.status])).toEqual([
      [b.claimNumber, 'in_work'],
      [c.claimNumber, 'lost'],
    ]);
    await expect(biller('setDenialStatus', { claimId: 99999, status: 'won' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(biller('setDenialStatus', { claimId: a.claimId, status: 'bogus' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const priv = await signIn(t, 'w-priv', 'priv');
    await expect(priv('denialWorklist', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(biller('disclosureReport', { patient: CANARY.mrn })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const report = await priv('disclosureReport', { patient: CANARY.mrn });
    expect(report).toEqual({ patientLabel: `MRN ${CANARY.mrn}`, rows: [] });
    // Exception disclosures made outside the app are recorded by privacy officers, and only under exception purposes.
    await priv('recordExceptionDisclosure', { patient: CANARY.mrn, disclosedOn: '2025-12-30', recipient: 'State registry', purpose: 'required_by_law', description: 'Diagnosis and dates of service' });
    await expect(priv('recordExceptionDisclosure', { patient: CANARY.mrn, disclosedOn: '2025-12-30', recipient: 'X', purpose: 'denial_dispute' as never, description: 'Claim' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(biller('recordExceptionDisclosure', { patient: CANARY.mrn, disclosedOn: '2025-12-30', recipient: 'X', purpose: 'treatment', description: 'Claim' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const after = await priv('disclosureReport', { patient: CANARY.mrn, from: '2025-12-01', to: '2025-12-31' });
    expect(after.rows).toEqual([expect.objectContaining({ recipient: 'State registry', purpose: 'required_by_law', exception: true, disclosedBy: 'priv' })]);
    // Signed in moments ago is not enough: the export asks for the password again.
    await expect(priv('disclosureExport', { patient: CANARY.mrn, format: 'csv' })).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    await priv('reauthenticate', { password: NEW_PASSWORD, for: 'disclosureExport' });
    await expect(priv('disclosureExport', { patient: CANARY.mrn, format: 'csv' })).resolves.toMatchObject({ rows: 1 });
    t.backend.close();
  });
});
