/**
 * Payments reach the right claim, and never another patient's: a FHIR EOB is matched through its
 * Claim reference (by the stored claim's number, not by the FHIR id), a claim that arrives after
 * its EOB picks it up, and an 835 claim number shared by two patients' claims goes to the member's.
 */
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { importHarness } from '../../support/import-harness';

function setup() {
  const h = importHarness();
  const run = async (...paths: string[]) => expect((await h.run(...paths)).rejected).toEqual([]);
  const payments = () =>
    h.db
      .prepare(
        `SELECT rc.claim_number AS number, c.source_id AS claim, p.source_id AS patient, rc.paid
         FROM remit_claim rc LEFT JOIN claim c ON c.id = rc.claim_id LEFT JOIN patient p ON p.id = rc.patient_id ORDER BY rc.id`,
      )
      .all();
  return { db: h.db, file: (name: string, resources: object[]) => h.bundle(name, resources), run, payments };
}

const patient = (id: string, family: string) => ({ resourceType: 'Patient', id, name: [{ family, given: ['Test'] }] });
const claim = (id: string, number: string, pt: string) => ({ resourceType: 'Claim', id, identifier: [{ system: 'urn:example:pcn', value: number }], patient: { reference: `Patient/${pt}` }, item: [] });
const eob = (id: string, claimId: string, pt: string, paid: number) => ({
  resourceType: 'ExplanationOfBenefit',
  id,
  claim: { reference: `Claim/${claimId}` },
  patient: { reference: `Patient/${pt}` },
  outcome: 'complete',
  payment: { amount: { value: paid } },
});

describe('matching payments to claims', () => {
  it('an EOB in a later file pays the claim it references, by that claim’s number, not another patient’s claim numbered like its FHIR id', async () => {
    const s = setup();
    // Beta's claim number happens to equal the FHIR id of Alpha's claim.
    await s.run(s.file('claims.json', [patient('pa', 'Alpha'), patient('pb', 'Beta'), claim('1001', 'A-77', 'pa'), claim('2002', '1001', 'pb')]));
    await s.run(s.file('eob.json', [eob('e1', '1001', 'pa', 50)]));
    expect(s.payments()).toEqual([{ number: 'A-77', claim: 'Claim/1001', patient: 'Patient/pa', paid: 50 }]);
  });

  it('an EOB that arrives before its claim waits for it, under its patient, and is linked when the claim comes', async () => {
    const s = setup();
    await s.run(s.file('eob.json', [patient('pa', 'Alpha'), eob('e1', 'c9', 'pa', 75)]));
    expect(s.payments()).toEqual([{ number: 'Claim/c9', claim: null, patient: 'Patient/pa', paid: 75 }]);
    await s.run(s.file('claim.json', [patient('pa', 'Alpha'), claim('c9', 'PCN-9', 'pa')]));
    expect(s.payments()).toEqual([{ number: 'PCN-9', claim: 'Claim/c9', patient: 'Patient/pa', paid: 75 }]);
  });

  it('an 835 claim number shared by two patients’ claims goes to the claim of the member the payer names, else stays unmatched', () => {
    const s = setup();
    const w = new ChartWriter(s.db);
    const key = (id: string) => ({ sourceSystem: 'test', sourceId: id });
    const pa = w.patient({ ...key('pa') });
    const pb = w.patient({ ...key('pb') });
    w.claim({ ...key('ca'), patientId: pa, claimNumber: 'PCN-5', memberId: 'M-A', lines: [] });
    w.claim({ ...key('cb'), patientId: pb, claimNumber: 'PCN-5', memberId: 'M-B', lines: [] });
    const remit = (id: string, memberId: string) => w.remittance({ ...key(id), claims: [{ claimNumber: 'PCN-5', memberId, paid: 10, adjustments: [], lines: [] }] });
    expect(remit('r1', 'M-A')).toMatchObject({ matched: 1 });
    expect(remit('r2', 'M-Z')).toMatchObject({ matched: 0 });
    expect(s.payments()).toEqual([
      { number: 'PCN-5', claim: 'ca', patient: 'pa', paid: 10 },
      { number: 'PCN-5', claim: null, patient: null, paid: 10 },
    ]);
  });
});
