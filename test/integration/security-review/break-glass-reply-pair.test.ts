/**
 * Review of issue 15 break 9 (class): the break-glass reply and the request lists after it, for twins
 * differing in a SUD section + HIV lab (hidden) vs a section-rule-masked insurance section (plain).
 * Views after break-glass may differ (it opens SUD); the replies about the grant itself may not.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { numberHandles, runPair, type PairSpec, type Twin } from '../../support/pairs';
import { NEW_PASSWORD } from '../../support/sign-in';

function write(db: Database, twin: Twin): { encounterId: number } {
  const w = new ChartWriter(db);
  return db.transaction(() => {
    const patientId = w.patient({ sourceSystem: 't', sourceId: 'p1', mrn: 'MRN-5521', familyName: 'Quillfeather', givenName: 'Juniper' });
    const encounterId = w.encounter({ sourceSystem: 't', sourceId: 'e1', patientId, classCode: 'IMP', periodStart: '2025-05-01', periodEnd: '2025-05-04' });
    w.condition({ sourceSystem: 't', sourceId: 'c1', patientId, encounterId, codeSystem: 'ICD-10-CM', code: 'K81.0', display: 'Acute cholecystitis' });
    const mid = twin === 'hidden' ? 'PAST PSYCHIATRIC HISTORY:\nHeroin use disorder on methadone maintenance; bipolar disorder treated with lithium.\n' : 'INSURANCE INFORMATION:\nPrimary Blue Harbor Health, secondary Medicare Part B.\n';
    w.document({ sourceSystem: 't', sourceId: 'd1', patientId, encounterId, docType: 'discharge-summary', title: 'Discharge summary', authoredAt: '2025-05-04T10:00:00Z', text: `HISTORY OF PRESENT ILLNESS:\nAcute cholecystitis.\n${mid}ASSESSMENT AND PLAN:\nDischarge home.\n`, format: 'text' });
    if (twin === 'hidden') w.observation({ sourceSystem: 't', sourceId: 'o2', patientId, encounterId, category: 'laboratory', codeSystem: 'http://loinc.org', code: '20447-9', display: 'HIV-1 RNA viral load', valueNum: 40, unit: 'copies/mL', effectiveAt: '2025-05-02T06:00:00Z' });
    return { encounterId };
  })();
}

describe('review: break-glass reply pair', () => {
  for (const [user, role] of [['cora', 'coder'], ['cid', 'cdi']] as const) {
    it(`${role}: breakGlass reply, myAccessRequests identical`, async () => {
      const spec: PairSpec<{ encounterId: number }> = { users: [[user, role]], write };
      const { plain, hidden } = await runPair(spec, async (s) => {
        await s.call(user, 'declarePurpose', { purpose: 'inpatient_coding', encounterId: s.fixture.encounterId });
        await s.call(user, 'reauthenticate', { password: NEW_PASSWORD, for: 'breakGlass' });
        await s.attempt(user, 'breakGlass', { encounterId: s.fixture.encounterId, reasonCode: 'patient-safety', reasonText: 'Attending asked for the full chart during a rapid response.' });
        await s.call(user, 'myAccessRequests', {});
      });
      const pick = (x: typeof plain) => numberHandles(x.transcript.filter((e) => e.name === 'breakGlass' || e.name === 'myAccessRequests'));
      expect(plain.transcript.find((e) => e.name === 'breakGlass')!.reply.ok).toBe(true);
      expect(pick(hidden)).toEqual(pick(plain));
    });
  }
});
