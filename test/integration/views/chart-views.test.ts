/**
 * Chart views through the dispatcher: purpose declaration, role-scoped masking, opaque handles,
 * and placeholders that reveal nothing.
 */
import { describe, expect, it } from 'vitest';
import { USER_PASSWORD, withUsers } from '../../support/backend';
import { DISCHARGE, PSY_BODY, THERAPY, PSYCH_CONSULT, writeSampleChart } from '../../support/charts';
import { GRANT_LABELS } from '../../../shared/access-types';
import { denyClaimOf } from '../../support/billing';

const NEW_PASSWORD = 'a brand new long passphrase';

/** Signs `username` in as window `key`, changing the first-use password the first time. */
async function signIn(t: Awaited<ReturnType<typeof withUsers>>, key: string, username: string) {
  const w = t.as(key);
  const r = await t.raw(key)('login', { username, password: USER_PASSWORD });
  if (r.ok) await w('changePassword', { current: USER_PASSWORD, next: NEW_PASSWORD });
  else await w('login', { username, password: NEW_PASSWORD });
  return w;
}

async function setup() {
  const t = await withUsers([
    ['cora', 'coder'],
    ['bill', 'biller'],
  ]);
  const chart = writeSampleChart(t.backend.store.db);
  const coder = await signIn(t, 'coder-win', 'cora');
  return { t, chart, coder };
}

const LABELS = /\b(ETH|PSY|PSYTHPN|HIV|STD|SEX|GDIS|SDV)\b|psych|substance|alcohol|mental|therapy/i;

describe('chart views', () => {
  it('document handles are opaque: random per session, not the row id', async () => {
    const { t, chart, coder } = await setup();
    const open = async (w: typeof coder) => {
      await w('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
      return (await w('openChart', { encounterId: chart.encounterId })).documents[0]!.id;
    };
    const first = await open(coder);
    const second = await open(await signIn(t, 'coder-win-2', 'cora'));
    expect(first).toMatch(/^d_[A-Za-z0-9_-]{16}$/);
    expect(second).not.toBe(first);
    expect([first, second]).not.toContain(`d_${chart.dischargeId}`);
  });

  it('refuses to open a chart before a purpose is declared', async () => {
    const { t, chart } = await setup();
    const r = await t.raw('coder-win')('openChart', { encounterId: chart.encounterId });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('PURPOSE_REQUIRED');
  });

  it('refuses a purpose the role may not use, and audits the refusal', async () => {
    const { t, chart } = await setup();
    const r = await t.raw('coder-win')('declarePurpose', { purpose: 'patient_request', encounterId: chart.encounterId });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    const row = t.backend.store.db.prepare("SELECT outcome, purpose, rule_ids FROM audit_event WHERE event_type = 'purpose.declare'").get() as Record<string, string>;
    expect(row).toMatchObject({ outcome: 'denied', purpose: 'patient_request', rule_ids: 'PR-ROLE' });
    // Still no purpose: the chart stays shut.
    const open = await t.raw('coder-win')('openChart', { encounterId: chart.encounterId });
    expect(open.ok).toBe(false);
  });

  it('shows a coder the task-related ETH section, masks the unrelated PSY section without naming it, and omits wholly masked documents', async () => {
    const { t, chart, coder } = await setup();
    expect(await coder('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId })).toEqual({ purpose: 'inpatient_coding' });
    const view = await coder('openChart', { encounterId: chart.encounterId });
    expect(view.purpose).toBe('inpatient_coding');
    expect(view.encounter.patientLabel).toBe('[NAME]');
    expect(view.encounter.mrn).toBeNull();
    expect(view.encounter.attending).toBe('Alan Whitcombe');
    expect(view.structured.diagnoses.map((d) => d.code)).toEqual(['K85.20', 'F10.20']);
    // The psychotherapy note and the all-PSY consult are left out entirely, not shown as blanks.
    expect(view.documents).toHaveLength(1);
    const [doc] = view.documents;
    expect(doc!.id).toMatch(/^d_[A-Za-z0-9_-]{16}$/);
    // Its own title and type, though a section of it is masked for its label: a replaced title would say so.
    expect(doc).toMatchObject({ title: 'Discharge summary', docType: 'discharge-summary', date: '2024-03-18T10:00:00Z' });
    const serializedChart = JSON.stringify(view);
    expect(serializedChart).not.toMatch(/Psychotherapy|Psychiatry|psychotherapy-note/);

    const d = await coder('openDocument', { documentId: doc!.id });
    const visible = d.sections.filter((s) => s.visibility === 'visible');
    const masked = d.sections.filter((s) => s.visibility === 'masked');
    const social = visible.find((s) => s.visibility === 'visible' && s.loinc === '29762-2');
    expect(social && social.visibility === 'visible' && social.text).toContain('alcohol dependence');
    expect(social && social.visibility === 'visible' && social.labels).toEqual(['ETH']);
    expect(masked).toHaveLength(1);
    const placeholder = masked[0]!;
    expect(Object.keys(placeholder).sort()).toEqual(['rationale', 'requestHandle', 'ruleId', 'visibility']);
    expect(placeholder).toMatchObject({ ruleId: 'IC-MASK', rationale: 'Restricted — not needed for inpatient coding' });
    expect(placeholder.visibility === 'masked' && placeholder.requestHandle).toMatch(/^r_/);
    expect(JSON.stringify(placeholder)).not.toMatch(LABELS);
    const serialized = JSON.stringify(d);
    expect(serialized).not.toContain(PSY_BODY.slice(0, 40));
    expect(serialized).not.toContain('PAST PSYCHIATRIC');
    // Identifiers: patient name, MRN and phone masked; the date and the provider shown for coding.
    expect(serialized).not.toContain('Okonkwo');
    expect(serialized).not.toContain('48213377');
    expect(serialized).not.toContain('617-555-0142');
    expect(serialized).toContain('[NAME]');
    expect(serialized).toContain('[PHONE]');
    expect(serialized).toContain('03/14/2024');
    expect(serialized).toContain('Alan Whitcombe');

    // Search reaches only visible text.
    expect((await coder('findInChart', { encounterId: chart.encounterId, query: 'sertraline' })).total).toBe(0);
    expect((await coder('findInChart', { encounterId: chart.encounterId, query: 'nightmares' })).total).toBe(0);
    expect((await coder('findInChart', { encounterId: chart.encounterId, query: 'vodka' })).total).toBe(1);
    expect((await coder('findInChart', { encounterId: chart.encounterId, query: 'Okonkwo' })).total).toBe(0);

    // Audit: opens recorded with ids, purpose, rules and visible section codes; no masked text.
    const rows = t.backend.store.db
      .prepare("SELECT event_type, patient_id, encounter_id, document_id, purpose, rule_ids, labels, detail FROM audit_event WHERE event_type IN ('chart.open','document.open') ORDER BY seq")
      .all() as Array<Record<string, string | number | null>>;
    expect(rows.map((r) => r.event_type)).toEqual(['chart.open', 'document.open']);
    expect(rows[1]).toMatchObject({ patient_id: chart.patientId, encounter_id: chart.encounterId, document_id: chart.dischargeId, purpose: 'inpatient_coding' });
    expect(String(rows[1]!.rule_ids)).toContain('LBL-TASK');
    expect(String(rows[1]!.rule_ids)).toContain('IC-LBL');
    expect(String(rows[1]!.detail)).toContain('29762-2');
    const auditText = JSON.stringify(t.backend.store.db.prepare('SELECT * FROM audit_event').all());
    for (const secret of [PSY_BODY.slice(0, 30), 'Okonkwo', THERAPY.slice(20, 50), PSYCH_CONSULT.slice(30, 60), DISCHARGE.slice(200, 230)]) expect(auditText).not.toContain(secret);
  });

  it('handles are opaque and bound to the session and its purpose', async () => {
    const { t, chart, coder } = await setup();
    await coder('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
    const view = await coder('openChart', { encounterId: chart.encounterId });
    const handle = view.documents[0]!.id;
    // Another user's session cannot use it.
    const other = await signIn(t, 'other-win', 'cora');
    await other('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
    const r = await t.raw('other-win')('openDocument', { documentId: handle });
    expect(r.ok === false && r.error.code).toBe('NOT_FOUND');
    // Guessing a handle from a row id does nothing.
    const guess = await t.raw('coder-win')('openDocument', { documentId: `d_${String(chart.therapyId).padStart(8, '0')}` });
    expect(guess.ok === false && guess.error.code).toBe('NOT_FOUND');
    // A purpose declared for one encounter does not open another.
    const elsewhere = await t.raw('coder-win')('openChart', { encounterId: chart.otherEncounterId });
    expect(elsewhere.ok === false && elsewhere.error.code).toBe('FORBIDDEN');
    // Locking clears the purpose and the handles.
    await coder('lockSession', {});
    await coder('unlockSession', { password: NEW_PASSWORD });
    const again = await t.raw('coder-win')('openDocument', { documentId: handle });
    expect(again.ok === false && again.error.code).toBe('PURPOSE_REQUIRED');
    await coder('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
    const stale = await t.raw('coder-win')('openDocument', { documentId: handle });
    expect(stale.ok === false && stale.error.code).toBe('NOT_FOUND');
  });

  it('a biller disputing a denial sees only the sections a dispute needs', async () => {
    const { t, chart } = await setup();
    const biller = await signIn(t, 'biller-win', 'bill');
    const refused = await t.raw('biller-win')('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
    expect(refused.ok).toBe(false);
    // The encounter is on the biller's denial worklist (its claim was denied).
    denyClaimOf(t.backend.store.db, { patientId: chart.patientId, encounterId: chart.encounterId, sourceId: 'views-1' });
    await biller('declarePurpose', { purpose: 'denial_dispute', encounterId: chart.encounterId });
    const view = await biller('openChart', { encounterId: chart.encounterId });
    const d = await biller('openDocument', { documentId: view.documents[0]!.id });
    const codes = d.sections.flatMap((s) => (s.visibility === 'visible' ? [s.loinc] : []));
    expect(codes).toEqual(['10164-2', '8648-8']);
    // No claim carries F10.20 here, so the ETH discharge diagnosis is withheld from the dispute.
    expect(JSON.stringify(d)).not.toContain('vodka');
  });
});

describe('grants', () => {
  it('a grant from the plugged-in grant source opens a masked section for that user, patient and purpose only', async () => {
    const { t, chart, coder } = await setup();
    const grants: import('../../../shared/access-types').ActiveGrant[] = [];
    t.backend.views.useGrants({ activeGrants: (userId) => grants.filter((g) => g.userId === userId) });
    await coder('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
    const before = await coder('openChart', { encounterId: chart.encounterId });
    expect(before.documents).toHaveLength(1);
    grants.push({ id: 7, userId: t.ids.cora!, purpose: 'inpatient_coding', kind: 'request', scope: { patientId: chart.patientId, labels: ['PSY'] }, entitledLabels: GRANT_LABELS });
    const after = await coder('openChart', { encounterId: chart.encounterId });
    // PSY opens the consult; the psychotherapy note still needs a grant that names it.
    expect(after.documents.map((d) => d.title).sort()).toEqual(['Discharge summary', 'Psychiatry consult']);
    const d = await coder('openDocument', { documentId: after.documents.find((x) => x.title === 'Discharge summary')!.id });
    expect(d.sections.every((s) => s.visibility === 'visible')).toBe(true);
    expect(JSON.stringify(d)).toContain('sertraline');
    const row = t.backend.store.db.prepare("SELECT rule_ids, detail FROM audit_event WHERE event_type = 'document.open' ORDER BY seq DESC LIMIT 1").get() as Record<string, string>;
    expect(row.rule_ids).toContain('GRANT');
    expect(row.detail).toContain('"grants":"7"');
    grants.push({ id: 8, userId: t.ids.cora!, purpose: 'inpatient_coding', kind: 'request', scope: { patientId: chart.patientId, labels: ['PSYTHPN'] }, entitledLabels: GRANT_LABELS });
    expect((await coder('openChart', { encounterId: chart.encounterId })).documents).toHaveLength(3);
    // A grant for another purpose does nothing.
    grants.splice(0, grants.length, { id: 9, userId: t.ids.cora!, purpose: 'quality_review', kind: 'request', scope: { patientId: chart.patientId }, entitledLabels: GRANT_LABELS });
    expect((await coder('openChart', { encounterId: chart.encounterId })).documents).toHaveLength(1);
  });
});
