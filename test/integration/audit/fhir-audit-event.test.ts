/**
 * The FHIR R4 AuditEvent export of real audit trails (sign-ins, chart views, a masked-section
 * request, its approval, break-glass, a purge): every exported event fits the R4 subset schema,
 * every code is one of the published codes below (system + code + display), and each kind of
 * event carries the codes the IHE BALP patterns give it.
 */
import { describe, expect, it } from 'vitest';
import { REANALYSIS_ACTOR } from '../../../electron/core/reanalysis/reanalyzer';
import { queryAudit } from '../../../electron/core/audit/query';
import { toNdjson } from '../../../electron/core/audit/export';
import { accessFixture } from '../../support/access';
import { seeEncounter } from '../../support/grant-views';
import { seedPatient } from '../../support/retention-seed';
import { parseAuditEventLine } from '../../support/fhir-audit-schema';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const LOCAL = 'http://need-to-know.local/audit-event-type';
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';

/** The published codes the export may use: system → code → display. */
const TERMINOLOGY: Record<string, Record<string, string>> = {
  // DICOM PS3.16 CID 400 (R4 audit-event-type) and CID 401 (R4 audit-event-sub-type).
  [DCM]: {
    '110100': 'Application Activity',
    '110101': 'Audit Log Used',
    '110106': 'Export',
    '110107': 'Import',
    '110110': 'Patient Record',
    '110112': 'Query',
    '110113': 'Security Alert',
    '110114': 'User Authentication',
    '110122': 'Login',
    '110123': 'Logout',
    '110127': 'Emergency Override Started',
  },
  'http://terminology.hl7.org/CodeSystem/object-role': { '1': 'Patient', '3': 'Report', '4': 'Domain Resource', '24': 'Query' },
  'http://terminology.hl7.org/CodeSystem/audit-entity-type': { '1': 'Person', '2': 'System Object' },
  'http://terminology.hl7.org/CodeSystem/security-source-type': { '1': 'User Device', '4': 'Application Server' },
  'http://terminology.hl7.org/CodeSystem/extra-security-role-type': { humanuser: 'human user', dataprocessor: 'data processor' },
  [ACT_REASON]: {
    HOPERAT: 'healthcare operations',
    HPAYMT: 'healthcare payment',
    CLMATTCH: 'claim attachment',
    HQUALIMP: 'health quality improvement',
    HCOMPL: 'health compliance',
    PATADMIN: 'patient administration',
    HLEGAL: 'legal',
    TREAT: 'treatment',
    PATRQT: 'patient requested',
  },
};
const PATIENT_ENTITY = {
  type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
  role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
};
const HUMAN = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/extra-security-role-type', code: 'humanuser' }] };
const APPLICATION = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/extra-security-role-type', code: 'dataprocessor' }] };
const OPERATIONS = [{ coding: [{ system: ACT_REASON, code: 'HOPERAT', display: 'healthcare operations' }] }];

type Event = ReturnType<typeof parseAuditEventLine>;

function codings(e: Event): Array<{ system: string; code: string; display?: string }> {
  return [
    e.type,
    ...(e.subtype ?? []),
    ...(e.purposeOfEvent ?? []).flatMap((c) => c.coding ?? []),
    ...e.agent.flatMap((a) => [...(a.type?.coding ?? []), ...(a.purposeOfUse ?? []).flatMap((c) => c.coding ?? [])]),
    ...(e.source.type ?? []),
    ...(e.entity ?? []).flatMap((x) => [...(x.type ? [x.type] : []), ...(x.role ? [x.role] : [])]),
  ];
}

async function trail() {
  const t = await accessFixture([['carol', 'coder'], ['sam', 'supervisor'], ['pat', 'privacy_officer']], { changePasswords: true });
  t.clock.setWall(Date.now());
  await t.raw('stranger')('login', { username: 'carol', password: 'not her password at all' });
  const seen = await seeEncounter(t, 'carol', t.encounterId);
  const mine = await t.as('carol')('requestAccess', { requestHandle: seen.masked[0]!.requestHandle, purpose: 'inpatient_coding', justification: 'Coding the discharge needs the social history.' });
  await t.raw('carol')('requestAccess', { encounterId: t.encounterId, purpose: 'quality_review', justification: 'Not a purpose a coder may use.' });
  await t.as('pat')('decideAccess', { requestIds: [mine.id], decision: 'approve' });
  t.backend.access.breakGlass(t.session('carol'), 'carol', { encounterId: t.encounterId, reasonCode: 'patient-safety', reasonText: 'Patient deteriorating, the attending needs the full history now.' });
  const db = t.backend.store.db;
  const p = seedPatient(db, 'PURGE');
  db.prepare("UPDATE encounter SET coding_status = 'complete' WHERE id = ?").run(p.encounterId);
  db.prepare("UPDATE claim SET work_status = 'won' WHERE id = ?").run(p.claimId);
  expect(t.backend.retention.runDue().patients).toMatchObject([{ patientId: p.id }]);
  const lines = [...toNdjson(queryAudit(db, {}))].map((l) => l.trimEnd());
  return { t, events: lines.map(parseAuditEventLine), purgedId: p.id };
}

const sub = (events: Event[], code: string, outcome?: string) => events.filter((e) => e.subtype?.some((s) => s.system === LOCAL && s.code === code) && (outcome === undefined || e.outcome === outcome));

describe('FHIR R4 AuditEvent export', () => {
  it('every exported event fits the R4 subset and uses only published codes with their displays; purposes are HL7 PurposeOfUse', async () => {
    const { events } = await trail();
    expect(events.length).toBeGreaterThan(15);
    for (const e of events) {
      for (const c of codings(e)) {
        if (c.system === LOCAL) continue;
        expect(TERMINOLOGY[c.system], `${e.id}: code system ${c.system}`).toBeDefined();
        expect(c.display, `${e.id}: ${c.system}#${c.code}`).toBe(TERMINOLOGY[c.system]![c.code]);
      }
      // Our own event code is a subtype, never the type.
      expect(e.type.system).toBe(DCM);
      expect(e.subtype!.filter((s) => s.system === LOCAL)).toHaveLength(1);
      expect(e.agent.filter((a) => a.requestor)).toHaveLength(1);
      expect(e.agent[0]!.type).toBeDefined();
      expect(e.source.type).toEqual([{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }]);
      for (const p of e.agent[0]!.policy ?? []) expect(p).toMatch(/^urn:need-to-know:policy:rule:[A-Za-z0-9%._~-]+$/);
      for (const x of e.entity ?? []) expect(x.type && x.role, `${e.id} entity`).toBeTruthy();
    }
  });

  it('sign-ins: User Authentication with Login; a wrong password is a minor failure (4), not a serious one', async () => {
    const { events } = await trail();
    const ok = sub(events, 'login', '0');
    expect(ok.length).toBeGreaterThanOrEqual(3); // each user signs in (and again after the first-sign-in password change)
    for (const e of ok) expect(e).toMatchObject({ type: { system: DCM, code: '110114' }, action: 'E', agent: [{ type: HUMAN, requestor: true }] });
    for (const e of ok) expect(e.subtype).toContainEqual({ system: DCM, code: '110122', display: 'Login' });
    const failed = sub(events, 'login').filter((e) => e.outcome !== '0');
    expect(failed.map((e) => e.outcome)).toEqual(['4']);
    expect(failed[0]).toMatchObject({ type: { code: '110114' } });
  });

  it('chart and document views and PHI replies: Patient Record read of the patient, under HOPERAT for coding', async () => {
    const { t, events } = await trail();
    for (const kind of ['chart.open', 'document.open', 'phi.reply']) {
      const [e] = sub(events, kind);
      expect(e, kind).toMatchObject({ type: { system: DCM, code: '110110' }, action: 'R', outcome: '0', purposeOfEvent: OPERATIONS, agent: [{ type: HUMAN, purposeOfUse: OPERATIONS }] });
      expect(e!.entity, kind).toContainEqual(expect.objectContaining({ what: { reference: `Patient/${t.patientId}` }, ...PATIENT_ENTITY }));
    }
    const [doc] = sub(events, 'document.open');
    expect(doc!.entity).toContainEqual(expect.objectContaining({ what: { reference: `DocumentReference/${t.documentId}` }, role: expect.objectContaining({ code: '3' }), type: expect.objectContaining({ code: '2' }) }));
    const [chart] = sub(events, 'chart.open');
    expect(chart!.entity).toContainEqual(expect.objectContaining({ what: { reference: `Encounter/${t.encounterId}` }, role: expect.objectContaining({ code: '4' }) }));
    expect(chart!.agent[0]!.policy!.length).toBeGreaterThan(0);
    // Never our local purpose code under the HL7 system.
    expect(JSON.stringify(events)).not.toMatch(/"code":"(inpatient_coding|quality_review|required_by_law)"/);
  });

  it('a masked-section request and its approval: Security Alert on the patient; a refused request is outcome 4', async () => {
    const { t, events } = await trail();
    const [request] = sub(events, 'access.request', '0');
    expect(request).toMatchObject({ type: { system: DCM, code: '110113' }, action: 'C', purposeOfEvent: OPERATIONS, agent: [{ type: HUMAN, who: { display: 'carol' } }] });
    expect(request!.entity).toContainEqual(expect.objectContaining({ what: { reference: `Patient/${t.patientId}` }, ...PATIENT_ENTITY }));
    const refused = sub(events, 'access.request').filter((e) => e.outcome !== '0');
    expect(refused.map((e) => e.outcome)).toEqual(['4']);
    expect(refused[0]!.purposeOfEvent).toEqual([{ coding: [{ system: ACT_REASON, code: 'HQUALIMP', display: 'health quality improvement' }], text: 'Quality review (de-identified)' }]);
    const [approval] = sub(events, 'access.approve');
    expect(approval).toMatchObject({ type: { code: '110113' }, action: 'U', outcome: '0', agent: [{ type: HUMAN, who: { display: 'pat' } }] });
  });

  it('break-glass: Security Alert with DICOM Emergency Override Started', async () => {
    const { events } = await trail();
    const [e] = sub(events, 'access.breakglass.start');
    expect(e).toMatchObject({ type: { system: DCM, code: '110113', display: 'Security Alert' }, action: 'E', outcome: '0', agent: [{ type: HUMAN }] });
    expect(e!.subtype).toContainEqual({ system: DCM, code: '110127', display: 'Emergency Override Started' });
  });

  it('a retention purge: Patient Record delete of the patient by the application, not a person', async () => {
    const { events, purgedId } = await trail();
    const [e] = sub(events, 'retention.purge');
    expect(e).toMatchObject({ type: { system: DCM, code: '110110' }, action: 'D', outcome: '0', agent: [{ type: APPLICATION, requestor: true }] });
    expect(e!.entity).toContainEqual(expect.objectContaining({ what: { reference: `Patient/${purgedId}` }, ...PATIENT_ENTITY }));
  });

  it('a failure of the work itself (a re-analysis that failed) is a serious failure (8); a refusal with a stated reason is minor (4)', async () => {
    const { t } = await trail();
    // Written as the re-analyzer and the demo generator write them.
    t.backend.audit.append({ ...REANALYSIS_ACTOR, action: 'U', eventType: 'analysis.rerun', outcome: 'failure', patientId: t.patientId, detail: { code: 'INTERNAL', analyzer: 'x' } });
    t.backend.audit.append({ userId: null, username: 'carol', role: 'coder', action: 'C', eventType: 'demo.generate', outcome: 'failure', detail: { reason: 'store-not-empty' } });
    const events = [...toNdjson(queryAudit(t.backend.store.db, {}))].map((l) => parseAuditEventLine(l.trimEnd()));
    expect(sub(events, 'analysis.rerun')[0]).toMatchObject({ outcome: '8', type: { code: '110110' }, agent: [{ type: APPLICATION }] });
    expect(sub(events, 'demo.generate')[0]).toMatchObject({ outcome: '4', type: { code: '110100', display: 'Application Activity' } });
  });
});
