/** Review of issue 15 breaks 7-8 (class): supervisor-only grants against content that arrives later, other scope shapes. */
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { accessFixture, LOINC } from '../../support/access';
import { addEncounter, importNote, seeEncounter, shows } from '../../support/grant-views';

const WHY = 'Needed to validate the principal diagnosis for DRG assignment.';
const fixture = () => accessFixture([['carol', 'coder'], ['sam', 'supervisor'], ['pat', 'privacy_officer']], { changePasswords: true });
const SUD = 'HISTORY OF PRESENT ILLNESS: Follow-up of the knee sprain.\nSOCIAL HISTORY: Opioid use disorder, on buprenorphine maintenance at the clinic.';

describe('review: grants vs later content', () => {
  it('supervisor approves a section-code grant (social history); a SUD social history imported later stays closed', async () => {
    const t = await fixture();
    const enc = addEncounter(t, t.patientId, 'e-later', '2026-02-01');
    importNote(t, { patientId: t.patientId, encounterId: enc, sourceId: 'n0', text: 'HISTORY OF PRESENT ILLNESS: Knee pain.\nSOCIAL HISTORY: Retired teacher.', authoredAt: '2026-02-01T09:00:00Z' });
    const r = await t.as('carol')('requestAccess', { encounterId: enc, sectionCodes: [LOINC.social], purpose: 'inpatient_coding', justification: WHY });
    await t.as('sam')('decideAccess', { requestIds: [r.id], decision: 'approve' });
    importNote(t, { patientId: t.patientId, encounterId: enc, sourceId: 'n1', text: SUD, authoredAt: '2026-02-01T10:00:00Z' });
    expect(shows(await seeEncounter(t, 'carol', enc), 'buprenorphine')).toBe(false);
  });

  it('supervisor approves a patient-over-dates grant; a SUD note in a new encounter inside the dates stays closed', async () => {
    const t = await fixture();
    const r = await t.as('carol')('requestAccess', { encounterId: t.encounterId, dates: { from: '2026-02-01', to: '2026-03-31' }, purpose: 'inpatient_coding', justification: WHY });
    const [d] = await t.as('sam')('decideAccess', { requestIds: [r.id], decision: 'approve' });
    expect(d, JSON.stringify(d)).toMatchObject({ ok: true });
    const enc = addEncounter(t, t.patientId, 'e-new', '2026-02-10');
    importNote(t, { patientId: t.patientId, encounterId: enc, sourceId: 'n2', text: SUD, authoredAt: '2026-02-10T10:00:00Z' });
    expect(shows(await seeEncounter(t, 'carol', enc), 'buprenorphine')).toBe(false);
  });

  it('supervisor approves a whole-encounter grant; a Suboxone order imported later is not listed', async () => {
    const t = await fixture();
    const enc = addEncounter(t, t.patientId, 'e-med', '2026-02-01');
    importNote(t, { patientId: t.patientId, encounterId: enc, sourceId: 'n3', text: 'HISTORY OF PRESENT ILLNESS: Knee pain.', authoredAt: '2026-02-01T09:00:00Z' });
    const r = await t.as('carol')('requestAccess', { encounterId: enc, purpose: 'inpatient_coding', justification: WHY });
    await t.as('sam')('decideAccess', { requestIds: [r.id], decision: 'approve' });
    const w = new ChartWriter(t.backend.store.db);
    t.backend.store.db.transaction(() => w.medication({ sourceSystem: 't', sourceId: 'm1', patientId: t.patientId, encounterId: enc, kind: 'request', codeSystem: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1010606', display: 'Suboxone 8 MG / 2 MG Sublingual Film', authoredAt: '2026-02-01T08:00:00Z' }))();
    await t.as('carol')('declarePurpose', { purpose: 'inpatient_coding', encounterId: enc });
    const chart = await t.as('carol')('openChart', { encounterId: enc });
    expect(JSON.stringify(chart.structured)).not.toContain('Suboxone');
  });

  it('a request naming ETH, approved by a supervisor alone, opens no SUD section', async () => {
    const t = await fixture();
    const r = await t.as('carol')('requestAccess', { encounterId: t.encounterId, labels: ['ETH'], purpose: 'inpatient_coding', justification: WHY });
    await t.raw('sam')('decideAccess', { requestIds: [r.id], decision: 'approve' });
    expect(shows(await seeEncounter(t, 'carol', t.encounterId), 'methadone')).toBe(false);
  });
});
