/**
 * What a request asks for: only under a purpose the requester's role may use; from a placeholder,
 * the document's own encounter; and break-glass opens its whole encounter (psychotherapy notes aside).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_POLICY } from '../../../electron/core/access/policy';
import { defaultPolicy, loadPolicy, type Policy } from '../../../electron/core/redaction/policy';
import { ChartViews } from '../../../electron/core/redaction/views/chart-views';
import { worklistSource } from '../../../electron/core/worklist/work-source';
import { accessEvents, accessFixture, LOINC } from '../../support/access';
import { addEncounter, importNote, seeEncounter, shows } from '../../support/grant-views';

const WHY = 'Needed to validate the principal diagnosis for DRG assignment.';
const EMERGENCY = 'Attending asked for the full chart during a rapid response.';

describe('requestAccess', () => {
  it('refuses a purpose the requester role may not work under, and audits the refusal', async () => {
    const t = await accessFixture([['carol', 'coder'], ['sam', 'supervisor'], ['pat', 'privacy_officer']], { changePasswords: true });
    for (const [who, purpose] of [['carol', 'patient_request'], ['carol', 'quality_review'], ['sam', 'hhs'], ['pat', 'inpatient_coding']] as const) {
      const reply = await t.raw(who)('requestAccess', { encounterId: t.encounterId, purpose, justification: WHY });
      expect(reply, `${who} ${purpose}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(t.backend.access.repo.recent(10)).toEqual([]);
    expect(accessEvents(t).filter((e) => e.event_type === 'access.request').map((e) => e.outcome)).toEqual(['denied', 'denied', 'denied', 'denied']);
    // Under a purpose the role may use, the same request goes through.
    expect(await t.as('carol')('requestAccess', { encounterId: t.encounterId, purpose: 'inpatient_coding', justification: WHY })).toMatchObject({ status: 'pending' });
    expect(await t.as('pat')('requestAccess', { encounterId: t.encounterId, purpose: 'required_by_law', justification: WHY })).toMatchObject({ status: 'pending' });
  });

  it("a request from a placeholder in another encounter's document (patient-wide purpose) names that document's encounter, and its grant opens it", async () => {
    const t = await accessFixture([['sam', 'supervisor'], ['pat', 'privacy_officer']], { changePasswords: true });
    const other = addEncounter(t, t.patientId, 'e-later', '2026-02-10');
    importNote(t, { patientId: t.patientId, encounterId: other, sourceId: 'd-later', authoredAt: '2026-02-10T09:00:00Z', text: 'HISTORY OF PRESENT ILLNESS: Clinic follow-up.\nSOCIAL HISTORY: Opioid use disorder, on methadone maintenance at the clinic.' });
    // A privacy officer has no worklist: a grant for the first encounter lets them open its chart
    // (a policy that lets a supervisor approve Part 2 scopes; the default needs a privacy officer, the requester's own role).
    t.backend.access.setPolicy({ ...DEFAULT_ACCESS_POLICY, privacyOfficerLabels: [] });
    const first = await t.as('pat')('requestAccess', { encounterId: t.encounterId, purpose: 'required_by_law', justification: WHY });
    expect((await t.as('sam')('decideAccess', { requestIds: [first.id], decision: 'approve' }))[0]).toMatchObject({ ok: true, status: 'approved' });
    // required_by_law lists every document of the patient and withholds Part 2 content outside the grant.
    const seen = await seeEncounter(t, 'pat', t.encounterId, 'required_by_law');
    expect(shows(seen, 'Clinic follow-up')).toBe(true);
    expect(shows(seen, 'maintenance at the clinic')).toBe(false);
    const placeholder = seen.masked.find((m) => m.documentDate?.startsWith('2026-02-10'));
    expect(placeholder).toBeDefined();
    const mine = await t.as('pat')('requestAccess', { requestHandle: placeholder!.requestHandle, purpose: 'required_by_law', justification: WHY });
    expect(mine.scope.encounterId).toBe(other);
    expect((await t.as('sam')('decideAccess', { requestIds: [mine.id], decision: 'approve' }))[0]).toMatchObject({ ok: true, status: 'approved' });
    expect(shows(await seeEncounter(t, 'pat', t.encounterId, 'required_by_law'), 'maintenance at the clinic')).toBe(true);
  });
});

describe('a request from a placeholder over a psychotherapy note', () => {
  it('names psychotherapy notes for the approver (never for the requester), and a privacy officer approval opens the note', async () => {
    const t = await accessFixture([['carol', 'coder'], ['sam', 'supervisor'], ['pat', 'privacy_officer']], { changePasswords: true });
    const seen = await seeEncounter(t, 'carol', t.encounterId);
    expect(shows(seen, 'processing grief')).toBe(false);
    expect(seen.masked).toHaveLength(1); // social history, psychotherapy note and mental status: one run
    const mine = await t.as('carol')('requestAccess', { requestHandle: seen.masked[0]!.requestHandle, purpose: 'inpatient_coding', justification: WHY });
    expect(JSON.stringify(mine)).not.toMatch(/PSY|ETH|unknown/);
    const [inbox] = await t.as('sam')('accessInbox', { include: 'pending' });
    expect(inbox!.scope.labels).toEqual(['PSYTHPN']);
    expect(inbox!.cannotApproveReason).toBe('Needs a privacy officer');
    await t.as('pat')('decideAccess', { requestIds: [mine.id], decision: 'approve' });
    const after = await seeEncounter(t, 'carol', t.encounterId);
    for (const phrase of ['processing grief', 'methadone', 'Depressed mood']) expect(shows(after, phrase), phrase).toBe(true);
  });
});

describe('break-glass', () => {
  it("opens every section of the encounter, those coded 'unknown' included, but not the psychotherapy note", async () => {
    const t = await accessFixture([['carol', 'coder'], ['sam', 'supervisor']]);
    importNote(t, { patientId: t.patientId, encounterId: t.encounterId, sourceId: 'd-rounds', text: 'Dictated by the attending after rounds.\nHISTORY OF PRESENT ILLNESS: Chest pain.\nFAMILY MEETING NOTES: Daughter updated on the plan.\nASSESSMENT AND PLAN: Discharge.' });
    // A purpose that needs only the history and the plan (as claim edits and disputes do): 'unknown' is not among them.
    const json = JSON.parse(JSON.stringify(defaultPolicy())) as Policy;
    json.purposes.inpatient_coding.sections.allow = [LOINC.hpi, LOINC.plan];
    const views = new ChartViews(t.backend.store.db, loadPolicy(json), t.backend.audit, t.backend.access);
    views.useWorklists(worklistSource(t.backend.store.db));
    const carol = t.session('carol');
    const texts = () => {
      const chart = views.openChart(carol, t.encounterId);
      return chart.documents.flatMap((d) => views.openDocument(carol, d.id).sections.flatMap((s) => (s.visibility === 'visible' ? [s.text] : [])));
    };
    views.declarePurpose(carol, 'inpatient_coding', t.encounterId);
    expect(texts().some((x) => x.includes('Daughter updated'))).toBe(false);
    t.backend.access.breakGlass(carol, 'carol', { encounterId: t.encounterId, reasonCode: 'patient-safety', reasonText: EMERGENCY });
    const open = texts();
    for (const phrase of ['Dictated by the attending', 'Daughter updated', 'methadone', 'Depressed mood']) expect(open.some((x) => x.includes(phrase)), phrase).toBe(true);
    expect(open.some((x) => x.includes('processing grief'))).toBe(false);
  });
});
