/**
 * Which replies carry PHI. Every call of the contract must say (the compiler enforces one entry per
 * call), and the dispatcher writes a `phi.reply` audit event — who, which call, which patients,
 * encounters, documents and claims — for every successful reply of a call marked here, before the
 * reply leaves the main process. A handler cannot forget: the mark is the contract's, not the handler's.
 *
 *   false        the reply carries no PHI (settings, counts, hashes, session state …);
 *   'handler'    the reply carries PHI whose subject only the handler knows (opaque handles,
 *                a claim behind a check id): its handler must return a PhiReply naming the subject,
 *                or the call fails (the type of its handler says so, and the dispatcher checks);
 *   a function   the reply names its own subject (ids in the reply): the dispatcher reads them.
 *
 * A reply carries PHI when it holds clinical content (note text, facts, diagnoses), an identifier
 * (MRN, member id, claim number, a patient's name), dates of service tied to a record, or patient
 * ids tied to health facts (labels, access scopes, justifications).
 */
import type { CallName } from './calls';
import type { CallResponse } from './contract';

/** Whom a reply is about. The dispatcher's auditor adds the patients behind encounters, documents and claims. */
export interface PhiSubject {
  patientIds?: readonly number[];
  encounterIds?: readonly number[];
  documentIds?: readonly number[];
  claimIds?: readonly number[];
}

export type PhiMark<K extends CallName> = false | 'handler' | ((reply: CallResponse<K>) => PhiSubject);

const ids = (xs: ReadonlyArray<number | null | undefined>): number[] => xs.filter((x): x is number => typeof x === 'number');

type AccessRequestReply = CallResponse<'revokeAccess'>;
const requests = (rs: readonly AccessRequestReply[]): PhiSubject => ({
  patientIds: rs.map((r) => r.scope.patientId),
  encounterIds: ids(rs.map((r) => r.scope.encounterId)),
});

export const PHI_REPLIES = {
  appInfo: false,
  storeStatus: false,
  sessionState: false,
  setupFirstAdmin: false,
  login: false,
  logout: false,
  lockSession: false,
  unlockSession: false,
  recordActivity: false,
  changePassword: false,
  reauthenticate: false,
  beginTotpEnrollment: false,
  confirmTotpEnrollment: false,
  listUsers: false,
  addUser: false,
  setUserDisabled: false,
  setUserRole: false,
  resetUserPassword: false,
  unlockUser: false,
  signInAlerts: false,
  setIdleMinutes: false,
  auditVerify: false,
  // The audit trail names patients by internal id only (no name, MRN or content); reviewing it is audited as a review.
  auditEvents: false,
  // Encounters with their dates of service and payer.
  listWorklist: (r) => ({ encounterIds: r.rows.map((x) => x.encounterId) }),
  claimEncounter: (r) => ({ encounterIds: [r.encounterId] }),
  getCoderPrefs: false,
  setCoderPrefs: false,
  // Queries: fact text from notes, the question about the patient.
  createQuery: (r) => ({ encounterIds: [r.encounterId] }),
  updateQuery: (r) => ({ encounterIds: [r.encounterId] }),
  getQuery: (r) => ({ encounterIds: [r.encounterId] }),
  listQueries: (r) => ({ encounterIds: r.map((q) => q.encounterId) }),
  previewQuery: (r) => ({ encounterIds: [r.query.encounterId] }),
  exportQuery: false,
  setQueryStatus: (r) => ({ encounterIds: [r.encounterId] }),
  // Claim numbers, dates of service, amounts.
  denialWorklist: (r) => ({ claimIds: ids(r.rows.map((x) => x.claimId)) }),
  setDenialStatus: false,
  // Member id, diagnoses, note text.
  packetDraft: (r) => ({ claimIds: ids([r.summary.claimId]) }),
  saveLetterTemplate: false,
  // Excerpt text and identifiers found, under a check id.
  packetCheck: 'handler',
  packetExport: false,
  packetHistory: false,
  disclosureReport: 'handler',
  recordExceptionDisclosure: false,
  disclosureExport: false,
  retentionPolicy: false,
  setRetentionPolicy: false,
  runRetention: false,
  // MRNs with their sensitivity labels.
  exposureInventory: (r) => ({ patientIds: r.patients.map((p) => p.patientId) }),
  exportInventory: false,
  auditTimeline: false,
  auditFlags: false,
  auditMetrics: false,
  declarePurpose: false,
  // Chart views: opaque handles only; the view service knows the subject.
  openChart: 'handler',
  openDocument: 'handler',
  findInChart: 'handler',
  loadDemoData: false,
  accessPolicy: false,
  requestAccess: (r) => requests([r]),
  withdrawAccessRequest: (r) => requests([r]),
  myAccessRequests: (r) => requests(r),
  accessInbox: (r) => requests(r),
  decideAccess: false,
  revokeAccess: (r) => requests([r]),
  breakGlass: (r) => requests([r]),
  accessAlerts: (r) => ({ encounterIds: ids(r.breakGlass.map((b) => b.encounterId)) }),
  acknowledgeAccessAlerts: false,
  breakGlassReviews: (r) => requests(r.map((x) => x.event)),
  closeBreakGlassReview: (r) => requests([r.event]),
  accessMetrics: false,
  importFiles: false,
  importProgress: false,
  importCancel: false,
  fileScan: false,
} as const satisfies { [K in CallName]: PhiMark<K> };

/** Calls whose handler must name the subject of its reply (return a PhiReply). */
export type HandlerPhiCall = { [K in CallName]: (typeof PHI_REPLIES)[K] extends 'handler' ? K : never }[CallName];

export const carriesPhi = (name: CallName): boolean => PHI_REPLIES[name] !== false;
