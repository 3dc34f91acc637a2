/**
 * Review of issue 15 break 3 (class) on access requests: a request by encounter (whole, by label, by
 * section code, by dates) must get the same reply whether or not hidden sensitive content is in scope.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { expectSameReplies, type PairSpec, type Twin } from '../../support/pairs';

const WHY = 'Need the full documentation to assign the principal diagnosis.';

function write(db: Database, twin: Twin): { encounterId: number } {
  const w = new ChartWriter(db);
  return db.transaction(() => {
    const patientId = w.patient({ sourceSystem: 't', sourceId: 'p1', mrn: 'MRN-5521', familyName: 'Quillfeather', givenName: 'Juniper' });
    const encounterId = w.encounter({ sourceSystem: 't', sourceId: 'e1', patientId, classCode: 'IMP', periodStart: '2025-05-01', periodEnd: '2025-05-04' });
    w.condition({ sourceSystem: 't', sourceId: 'c1', patientId, encounterId, codeSystem: 'ICD-10-CM', code: 'K81.0', display: 'Acute cholecystitis' });
    const mid = twin === 'hidden' ? 'PAST PSYCHIATRIC HISTORY:\nHeroin use disorder on methadone maintenance; HIV positive on antiretrovirals.\n' : 'INSURANCE INFORMATION:\nPrimary Blue Harbor Health, secondary Medicare Part B.\n';
    w.document({ sourceSystem: 't', sourceId: 'd1', patientId, encounterId, docType: 'discharge-summary', title: 'Discharge summary', authoredAt: '2025-05-04T10:00:00Z', text: `HISTORY OF PRESENT ILLNESS:\nAcute cholecystitis.\n${mid}ASSESSMENT AND PLAN:\nDischarge home.\n`, format: 'text' });
    if (twin === 'hidden') w.document({ sourceSystem: 't', sourceId: 'd2', patientId, encounterId, docType: 'psychotherapy-note', title: 'Psychotherapy session', authoredAt: '2025-05-02T10:00:00Z', text: 'PSYCHOTHERAPY NOTE:\nSession focused on grief.\n', format: 'text' });
    return { encounterId };
  })();
}

type Req = { sectionCodes?: string[]; labels?: Array<'ETH' | 'HIV' | 'PSY' | 'PSYTHPN'>; dates?: { from: string; to: string } };
const asks: Array<[string, Req]> = [
  ['whole encounter', {}],
  ['labels ETH', { labels: ['ETH'] }],
  ['labels HIV', { labels: ['HIV'] }],
  ['labels PSYTHPN', { labels: ['PSYTHPN'] }],
  ['section 11348-0 (past history)', { sectionCodes: ['11348-0'] }],
  ['dates', { dates: { from: '2025-05-01', to: '2025-05-04' } }],
];

describe('review pairs: access requests by encounter', () => {
  for (const [user, role] of [['cora', 'coder'], ['cid', 'cdi']] as const) {
    it(`${role}: every request shape gets the same reply, and so does the list`, async () => {
      const spec: PairSpec<{ encounterId: number }> = { users: [[user, role]], write };
      const plain = await expectSameReplies(spec, async (s) => {
        await s.call(user, 'declarePurpose', { purpose: 'inpatient_coding', encounterId: s.fixture.encounterId });
        for (const [, r] of asks) await s.attempt(user, 'requestAccess', { encounterId: s.fixture.encounterId, ...r, purpose: 'inpatient_coding', justification: WHY });
        await s.call(user, 'myAccessRequests', {});
      });
      // The drive did work: the requests were accepted (not all refused alike).
      expect(plain.transcript.filter((x) => x.name === 'requestAccess').map((x) => (x.reply.ok ? 'ok' : x.reply.error.code))).toContain('ok');
    });
  }
});
