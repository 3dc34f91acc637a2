/**
 * Contract-wide: every call of the contract, made on a seeded backend by a user who may make it.
 * Every reply that carries a known PHI string (names, MRNs, member ids, claim numbers, dates of
 * service, diagnoses, note text) must come from a call the contract marks as carrying PHI, and every
 * marked call's reply must have written its `phi.reply` audit event naming the caller and the
 * patient. The fixture table is typed by CallName: a new call does not compile without one here.
 */
import { describe, expect, it } from 'vitest';
import type { CallName } from '../../../shared/contract';
import type { ReauthAction } from '../../../shared/auth-contract';
import { carriesPhi, PHI_REPLIES } from '../../../shared/phi-replies';
import type { Result } from '../../../shared/result';
import { USER_PASSWORD, withUsers } from '../../support/backend';
import { CANARY, seedClaim } from '../../support/billing';
import { writeSampleChart } from '../../support/charts';
import { phiFindings, replyRecorder, type RecordedReply } from '../../support/phi-scan';
import { NEW_PASSWORD, signIn } from '../../support/sign-in';

const WHY = 'Need the history to code the principal diagnosis of this stay.';
const RANGE = { from: '2020-01-01T00:00:00.000Z', to: '2030-01-01T00:00:00.000Z' };

interface State {
  encounterId: number;
  patientId: number;
  claimId: number;
  claimEncounterId: number;
  documentHandle?: string;
  sectionHandle?: string;
  queryId?: number;
  courseHandle?: string;
  checkId?: string;
  requestId?: number;
  approvedId?: number;
  breakGlassId?: number;
  newbieId?: number;
}

type Call = (window: string, name: CallName, req: unknown) => Promise<Result<unknown>>;
interface Step {
  as: string;
  req: (s: State) => unknown;
  /** Preparation (its calls are recorded and scanned too). */
  before?: (s: State, call: Call) => Promise<unknown>;
  after?: (s: State, value: unknown) => void;
}

const reauth = (window: string, action: ReauthAction) => async (_s: State, call: Call) => call(window, 'reauthenticate', { password: NEW_PASSWORD, for: action });

const STEPS: Record<CallName, Step> = {
  appInfo: { as: 'admin', req: () => ({}) },
  storeStatus: { as: 'admin', req: () => ({}) },
  sessionState: { as: 'cora', req: () => ({}) },
  setupFirstAdmin: { as: 'x', req: () => ({ username: 'eve', displayName: 'Eve', password: USER_PASSWORD }) },
  login: { as: 'x', req: () => ({ username: 'cora', password: 'not her password at all' }) },
  recordActivity: { as: 'cora', req: () => ({}) },
  reauthenticate: { as: 'cora', req: () => ({ password: NEW_PASSWORD }) },
  beginTotpEnrollment: { as: 'ed', req: () => ({}) },
  confirmTotpEnrollment: { as: 'ed', req: () => ({ code: '000000' }) },
  listUsers: { as: 'admin', req: () => ({}) },
  addUser: { as: 'admin', req: () => ({ username: 'newbie', displayName: 'New Bie', role: 'coder', password: USER_PASSWORD }), after: (s, v) => (s.newbieId = (v as { id: number }).id) },
  setUserDisabled: { as: 'admin', req: (s) => ({ userId: s.newbieId, disabled: true }) },
  setUserRole: { as: 'admin', req: (s) => ({ userId: s.newbieId, role: 'cdi' }) },
  resetUserPassword: { as: 'admin', req: (s) => ({ userId: s.newbieId, password: 'another long passphrase here' }) },
  unlockUser: { as: 'admin', req: (s) => ({ userId: s.newbieId }) },
  signInAlerts: { as: 'admin', req: () => ({}) },
  setIdleMinutes: { as: 'admin', req: () => ({ minutes: 15 }) },
  auditVerify: { as: 'admin', req: () => ({}) },
  auditEvents: { as: 'pat', req: () => ({ limit: 100 }) },
  listWorklist: { as: 'cora', req: () => ({}) },
  claimEncounter: { as: 'cora', req: (s) => ({ encounterId: s.encounterId }) },
  getCoderPrefs: { as: 'cora', req: () => ({}) },
  setCoderPrefs: { as: 'cora', req: () => ({ rememberedPurpose: null }) },
  declarePurpose: { as: 'cora', req: (s) => ({ purpose: 'inpatient_coding', encounterId: s.encounterId }) },
  openChart: { as: 'cora', req: (s) => ({ encounterId: s.encounterId }), after: (s, v) => (s.documentHandle = (v as { documents: Array<{ id: string }> }).documents[0]!.id) },
  openDocument: {
    as: 'cora',
    req: (s) => ({ documentId: s.documentHandle }),
    after: (s, v) => (s.sectionHandle = (v as { sections: Array<{ visibility: string; id: string }> }).sections.find((x) => x.visibility === 'visible')!.id),
  },
  findInChart: { as: 'cora', req: (s) => ({ encounterId: s.encounterId, query: 'pancreatitis' }) },
  createQuery: {
    as: 'cora',
    req: (s) => ({ encounterId: s.encounterId, question: 'Please clarify the etiology of the pancreatitis.', options: ['Alcohol induced', 'Gallstone'], facts: [{ sectionId: s.sectionHandle, start: 0, end: 30 }] }),
    after: (s, v) => (s.queryId = (v as { id: number }).id),
  },
  updateQuery: { as: 'cora', req: (s) => ({ queryId: s.queryId, question: 'Please clarify the etiology of the acute pancreatitis.', options: ['Alcohol induced', 'Gallstone'] }) },
  getQuery: { as: 'cora', req: (s) => ({ queryId: s.queryId }) },
  listQueries: { as: 'cora', req: () => ({}) },
  previewQuery: { as: 'cora', req: (s) => ({ queryId: s.queryId }) },
  exportQuery: { as: 'cora', before: reauth('cora', 'exportQuery'), req: (s) => ({ queryId: s.queryId, format: 'text' }) },
  setQueryStatus: { as: 'cora', req: (s) => ({ queryId: s.queryId, status: 'withdrawn' }) },
  denialWorklist: { as: 'bill', req: () => ({}) },
  setDenialStatus: { as: 'bill', req: (s) => ({ claimId: s.claimId, status: 'in_work' }) },
  packetDraft: {
    as: 'bill',
    req: (s) => ({ claimId: s.claimId }),
    after: (s, v) => (s.courseHandle = (v as { sources: Array<{ sections: Array<{ id: string; title: string }> }> }).sources[0]!.sections.find((x) => x.title === 'HOSPITAL COURSE')!.id),
  },
  saveLetterTemplate: { as: 'bill', req: () => ({ template: 'Dear {{payer}}, please reconsider claim {{claimNumber}}.' }) },
  packetCheck: {
    as: 'bill',
    req: (s) => ({ claimId: s.claimId, recipient: 'Acme Appeals', letter: 'Please reconsider.', excerpts: [{ sectionId: s.courseHandle, reason: 'Documents the stent placement' }] }),
    after: (s, v) => (s.checkId = (v as { checkId: string }).checkId),
  },
  packetExport: { as: 'bill', before: reauth('bill', 'packetExport'), req: (s) => ({ checkId: s.checkId, confirmed: true }) },
  packetHistory: { as: 'bill', req: (s) => ({ claimId: s.claimId }) },
  disclosureReport: { as: 'pat', req: () => ({ patient: CANARY.mrn }) },
  recordExceptionDisclosure: { as: 'pat', req: () => ({ patient: CANARY.mrn, disclosedOn: '2025-12-30', recipient: 'State registry', purpose: 'required_by_law', description: 'Diagnosis and dates of service' }) },
  disclosureExport: { as: 'pat', before: reauth('pat', 'disclosureExport'), req: () => ({ patient: CANARY.mrn, format: 'csv' }) },
  retentionPolicy: { as: 'admin', req: () => ({}) },
  setRetentionPolicy: { as: 'admin', req: () => ({ idleDays: 3650, purgeOnClose: false }) },
  runRetention: { as: 'admin', req: () => ({ dryRun: true }) },
  exposureInventory: { as: 'admin', req: () => ({}) },
  exportInventory: { as: 'admin', before: async (_s, call) => call('admin', 'reauthenticate', { password: 'violet kettle harbour 1987', for: 'exportInventory' }), req: () => ({ format: 'csv' }) },
  auditTimeline: { as: 'pat', req: () => ({ username: 'cora', ...RANGE }) },
  auditFlags: { as: 'pat', req: () => RANGE },
  auditMetrics: { as: 'pat', req: () => RANGE },
  loadDemoData: { as: 'admin', req: () => ({ patients: 1 }) },
  accessPolicy: { as: 'cora', req: () => ({}) },
  requestAccess: {
    as: 'cora',
    req: (s) => ({ encounterId: s.encounterId, sectionCodes: ['10164-2'], purpose: 'inpatient_coding', justification: WHY }),
    after: (s, v) => (s.requestId = (v as { id: number }).id),
  },
  withdrawAccessRequest: { as: 'cora', req: (s) => ({ requestId: s.requestId }) },
  myAccessRequests: { as: 'cora', req: () => ({}) },
  accessInbox: {
    as: 'sam',
    before: async (s, call) => {
      const r = await call('cora', 'requestAccess', { encounterId: s.encounterId, sectionCodes: ['10164-2'], purpose: 'inpatient_coding', justification: WHY });
      if (r.ok) s.approvedId = (r.value as { id: number }).id;
    },
    req: () => ({}),
  },
  decideAccess: { as: 'sam', req: (s) => ({ requestIds: [s.approvedId], decision: 'approve' }) },
  revokeAccess: { as: 'sam', req: (s) => ({ requestId: s.approvedId, reason: 'Coding is done' }) },
  breakGlass: {
    as: 'cora',
    before: reauth('cora', 'breakGlass'),
    req: (s) => ({ encounterId: s.encounterId, reasonCode: 'legal-deadline', reasonText: 'A court deadline for the records requires the full chart today.' }),
    after: (s, v) => (s.breakGlassId = (v as { id: number }).id),
  },
  accessAlerts: { as: 'sam', req: () => ({}) },
  acknowledgeAccessAlerts: { as: 'sam', req: () => ({}) },
  breakGlassReviews: { as: 'sam', req: () => ({}) },
  closeBreakGlassReview: { as: 'sam', req: (s) => ({ requestId: s.breakGlassId, verdict: 'appropriate', notes: 'Deadline confirmed with legal.' }) },
  accessMetrics: { as: 'sam', req: () => ({ from: RANGE.from, to: RANGE.to }) },
  importFiles: { as: 'admin', req: () => ({}) },
  importProgress: { as: 'admin', req: () => ({}) },
  importCancel: { as: 'admin', req: () => ({}) },
  fileScan: { as: 'admin', req: () => ({ result: 0, mrn: 'NOPE-1' }) },
  lockSession: { as: 'ed', req: () => ({}) },
  unlockSession: { as: 'ed', req: () => ({ password: NEW_PASSWORD }) },
  changePassword: { as: 'ed', req: () => ({ current: NEW_PASSWORD, next: 'a different long passphrase' }) },
  logout: { as: 'ed', req: () => ({}) },
};

async function run() {
  const t = await withUsers([
    ['cora', 'coder'],
    ['bill', 'biller'],
    ['sam', 'supervisor'],
    ['pat', 'privacy_officer'],
    ['ed', 'admin'],
  ]);
  const db = t.backend.store.db;
  const chart = writeSampleChart(db);
  const claim = seedClaim(db, { index: 0, remitDate: '2025-12-01' });
  for (const u of ['cora', 'bill', 'sam', 'pat', 'ed']) await signIn(t, u, u);
  const { call, log } = replyRecorder(t);
  const s: State = { encounterId: chart.encounterId, patientId: chart.patientId, claimId: claim.claimId, claimEncounterId: claim.encounterId };
  for (const [name, step] of Object.entries(STEPS) as Array<[CallName, Step]>) {
    await step.before?.(s, call);
    const r = await call(step.as, name, step.req(s));
    if (r.ok) step.after?.(s, r.value);
  }
  const phi = ['Okonkwo', '48213377', 'pancreatitis', 'Lipase', 'Whitcombe', CANARY.family, CANARY.mrn, claim.memberId, claim.claimNumber, 'stent', '2024-03-14', '2025-03-14', 'K85.20', 'I21.4'];
  return { t, log, phi, chart };
}

const lastOf = (log: readonly RecordedReply[], name: CallName) => log.filter((r) => r.name === name).at(-1)!;

describe('every reply that carries PHI is marked in the contract and audited by the dispatcher', () => {
  it('drives every call of the contract; no unmarked PHI, no unaudited marked reply', { timeout: 120_000 }, async () => {
    const { t, log, phi, chart } = await run();
    // Every call was made.
    expect(new Set(log.map((r) => r.name))).toEqual(new Set(Object.keys(STEPS)));
    expect(phiFindings(log, phi)).toEqual({ unmarked: [], unaudited: [] });
    // Every marked call was driven to a successful reply (so its mark and its audit were exercised).
    const marked = (Object.keys(PHI_REPLIES) as CallName[]).filter(carriesPhi);
    expect(marked.filter((n) => !log.some((r) => r.name === n && r.reply.ok))).toEqual([]);
    // The replies of the break: getQuery and previewQuery carry note text and are audited against the patient.
    for (const name of ['getQuery', 'previewQuery'] as const) {
      expect(JSON.stringify(lastOf(log, name).reply)).toContain('pancreatitis');
      const row = t.backend.store.db
        .prepare("SELECT user_id AS u, patient_id AS p, encounter_id AS e FROM audit_event WHERE event_type = 'phi.reply' AND detail LIKE ? ORDER BY seq DESC LIMIT 1")
        .get(`%"call":"${name}"%`);
      expect(row).toEqual({ u: t.ids.cora, p: chart.patientId, e: chart.encounterId });
    }
  });

  it('concurrency: every one of many PHI replies in flight at once gets its own audit event', async () => {
    const t = await withUsers([['cora', 'coder']]);
    const chart = writeSampleChart(t.backend.store.db);
    const cora = await signIn(t, 'cora', 'cora');
    await cora('declarePurpose', { purpose: 'inpatient_coding', encounterId: chart.encounterId });
    const handle = (await cora('openChart', { encounterId: chart.encounterId })).documents[0]!.id;
    const count = () => (t.backend.store.db.prepare("SELECT COUNT(*) AS n FROM audit_event WHERE event_type = 'phi.reply' AND document_id = ? AND user_id = ?").get(chart.dischargeId, t.ids.cora) as { n: number }).n;
    const before = count();
    const replies = await Promise.all(Array.from({ length: 40 }, () => t.raw('cora')('openDocument', { documentId: handle })));
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(count() - before).toBe(40);
  });

  it('the check itself fails a call that returns PHI without a mark, and a marked reply without its event', () => {
    const reply = { ok: true as const, value: { text: 'Lipase normalized' } };
    const log: RecordedReply[] = [
      { name: 'appInfo', window: 'w', reply, phiEvents: [] },
      { name: 'getQuery', window: 'w', reply, phiEvents: [] },
      { name: 'previewQuery', window: 'w', reply, phiEvents: ['previewQuery'] },
    ];
    expect(phiFindings(log, ['Lipase'])).toEqual({ unmarked: [{ name: 'appInfo', found: ['Lipase'] }], unaudited: ['getQuery'] });
  });
});
