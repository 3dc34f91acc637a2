/**
 * Review of issue 15 break 3 (class): both twins hold a masked sensitive section of the same kind,
 * differing only in its (hidden) wording and length; coder, CDI and biller replies must be identical.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { seedClaim } from '../../support/billing';
import { chartWork, denialWork, drives, queryWork, expectSameReplies, type PairSpec, type Twin } from '../../support/pairs';

const SUD: Record<Twin, string> = {
  plain: 'SOCIAL HISTORY:\nAlcohol use disorder, in remission.\n',
  hidden: `SOCIAL HISTORY:\nHeroin use disorder on methadone maintenance at the Roxbury clinic since 2019; ${'relapsed twice, '.repeat(40)}last use in April.\n`,
};
const HEAD = 'HISTORY OF PRESENT ILLNESS:\nAdmitted with acute cholecystitis; laparoscopic cholecystectomy on day two.\n';
const TAIL = 'ASSESSMENT AND PLAN:\nAcute cholecystitis, resolved after surgery. Discharge home.\n';

function write(db: Database, twin: Twin): { encounterId: number } {
  const w = new ChartWriter(db);
  return db.transaction(() => {
    const patientId = w.patient({ sourceSystem: 't', sourceId: 'p1', mrn: 'MRN-5521', familyName: 'Quillfeather', givenName: 'Juniper' });
    const encounterId = w.encounter({ sourceSystem: 't', sourceId: 'e1', patientId, classCode: 'IMP', typeDisplay: 'Inpatient admission', periodStart: '2025-05-01', periodEnd: '2025-05-04' });
    w.condition({ sourceSystem: 't', sourceId: 'c1', patientId, encounterId, codeSystem: 'ICD-10-CM', code: 'K81.0', display: 'Acute cholecystitis' });
    w.document({ sourceSystem: 't', sourceId: 'd1', patientId, encounterId, docType: 'discharge-summary', title: 'Discharge summary', authoredAt: '2025-05-04T10:00:00Z', text: HEAD + SUD[twin] + TAIL, format: 'text' });
    w.document({ sourceSystem: 't', sourceId: 'd2', patientId, encounterId, docType: 'progress-note', title: 'Progress note', authoredAt: '2025-05-03T10:00:00Z', text: SUD[twin] + TAIL, format: 'text' });
    return { encounterId };
  })();
}

const PROBES = ['heroin', 'methadone', 'Roxbury', 'relapsed', 'alcohol', 'remission', 'cholecystitis', 'the', 'use'];

describe('review pairs: same kind of hidden section, different hidden wording and length', () => {
  for (const [user, role] of [['cora', 'coder'], ['cid', 'cdi']] as const) {
    it(role, async () => {
      const spec: PairSpec<{ encounterId: number }> = { users: [[user, role]], write };
      await expectSameReplies(spec, (s) =>
        drives<{ encounterId: number }>(chartWork({ user, purpose: 'inpatient_coding', encounterId: s.fixture.encounterId, probes: PROBES }), queryWork({ user, encounterId: s.fixture.encounterId }))(s),
      );
    });
  }

  it('biller: packet draft over a denied claim', async () => {
    const spec: PairSpec<{ claimIds: number[] }> = {
      users: [['bill', 'biller']],
      write: (db, twin) => ({ claimIds: [seedClaim(db, { index: 0, remitDate: '2025-04-01', note: `HISTORY OF PRESENT ILLNESS:\nChest pain, NSTEMI; PCI to the LAD.\n${SUD[twin].replace('SOCIAL HISTORY', 'HOSPITAL COURSE')}DISCHARGE DIAGNOSIS:\nNSTEMI.\n` }).claimId] }),
    };
    await expectSameReplies(spec, (s) => denialWork<{ claimIds: number[] }>({ user: 'bill', claimIds: s.fixture.claimIds })(s));
  });
});
