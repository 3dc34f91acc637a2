/**
 * The FHIR R4 / DICOM / HL7 codes the AuditEvent export uses, each checked against its
 * published code system (DICOM PS3.16 CID 400/401 as in the R4 audit-event-type and
 * audit-event-sub-type value sets; HL7 Terminology object-role, audit-entity-type,
 * security-source-type, extra-security-role-type, v3-ActReason), and the mapping of
 * our event types onto the DICOM audit event IDs, following the IHE BALP patterns.
 */
export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
export const LOCAL_EVENT_TYPE = 'http://need-to-know.local/audit-event-type';
export const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
export const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
export const SOURCE_TYPE = 'http://terminology.hl7.org/CodeSystem/security-source-type';
export const ROLE_TYPE = 'http://terminology.hl7.org/CodeSystem/extra-security-role-type';
export const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
export const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/** Our policy rules are named by URN (RFC 8141 informal namespace) so `policy` holds URIs. */
export const POLICY_URN = 'urn:need-to-know:policy:rule:';

const dcm = (code: string, display: string): Coding => ({ system: DCM, code, display });

/** DICOM audit event IDs (CID 400), as listed in the R4 audit-event-type value set. */
export const EVENT_ID = {
  applicationActivity: dcm('110100', 'Application Activity'),
  auditLogUsed: dcm('110101', 'Audit Log Used'),
  export: dcm('110106', 'Export'),
  import: dcm('110107', 'Import'),
  patientRecord: dcm('110110', 'Patient Record'),
  query: dcm('110112', 'Query'),
  securityAlert: dcm('110113', 'Security Alert'),
  userAuthentication: dcm('110114', 'User Authentication'),
} as const;

/** DICOM audit event type codes (CID 401), as listed in the R4 audit-event-sub-type value set. */
export const EVENT_SUBTYPE = {
  login: dcm('110122', 'Login'),
  logout: dcm('110123', 'Logout'),
  emergencyOverrideStarted: dcm('110127', 'Emergency Override Started'),
} as const;

export const ENTITY_ROLE = {
  patient: { system: OBJECT_ROLE, code: '1', display: 'Patient' },
  report: { system: OBJECT_ROLE, code: '3', display: 'Report' },
  domainResource: { system: OBJECT_ROLE, code: '4', display: 'Domain Resource' },
  query: { system: OBJECT_ROLE, code: '24', display: 'Query' },
} as const;

export const ENTITY_KIND = {
  person: { system: ENTITY_TYPE, code: '1', display: 'Person' },
  systemObject: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
} as const;

export const AGENT_TYPE = {
  humanUser: { system: ROLE_TYPE, code: 'humanuser', display: 'human user' },
  dataProcessor: { system: ROLE_TYPE, code: 'dataprocessor', display: 'data processor' },
} as const;

/** The audit source is this application's own process on the workstation. */
export const SOURCE_APPLICATION_SERVER = { system: SOURCE_TYPE, code: '4', display: 'Application Server' } as const;

/** HL7 v3 PurposeOfUse codes (v3-ActReason) our purposes map to, with their published displays. */
export const PURPOSE_OF_USE: Readonly<Record<string, string>> = {
  HOPERAT: 'healthcare operations',
  HPAYMT: 'healthcare payment',
  CLMATTCH: 'claim attachment',
  HQUALIMP: 'health quality improvement',
  HCOMPL: 'health compliance',
  PATADMIN: 'patient administration',
  HLEGAL: 'legal',
  TREAT: 'treatment',
  PATRQT: 'patient requested',
};

export interface EventTyping {
  type: Coding;
  /** DICOM event type code, where one fits; our own code always follows as a subtype too. */
  dicomSubtype?: Coding;
}

const AUTHENTICATION = /^(login|logout|lockout|session\.(lock|unlock)|password\.change|second-factor\.|recovery-code\.)/;
const EXPORTS = /(^|\.)(export|head\.export)$/;

/** Our event type → DICOM audit event ID (BALP: Login/Logout, PatientRead, Query, Export, security alert). */
export function eventTyping(eventType: string, hasPatient: boolean): EventTyping {
  if (eventType === 'login') return { type: EVENT_ID.userAuthentication, dicomSubtype: EVENT_SUBTYPE.login };
  if (eventType === 'logout') return { type: EVENT_ID.userAuthentication, dicomSubtype: EVENT_SUBTYPE.logout };
  if (AUTHENTICATION.test(eventType)) return { type: EVENT_ID.userAuthentication };
  if (eventType === 'access.breakglass.start') return { type: EVENT_ID.securityAlert, dicomSubtype: EVENT_SUBTYPE.emergencyOverrideStarted };
  if (eventType.startsWith('access.') || eventType === 'sign-in.source-blocked') return { type: EVENT_ID.securityAlert };
  if (EXPORTS.test(eventType)) return { type: EVENT_ID.export };
  if (eventType.startsWith('audit.')) return { type: EVENT_ID.auditLogUsed };
  if (eventType === 'ingest.file' || eventType === 'document.file') return { type: EVENT_ID.import };
  if (/\.(search|list)$/.test(eventType) || eventType === 'worklist.view') return { type: EVENT_ID.query };
  if (hasPatient) return { type: EVENT_ID.patientRecord };
  return { type: EVENT_ID.applicationActivity };
}

/** Agents that are this application's own jobs (retention, re-analysis, request expiry), not people. */
export const isApplicationAgent = (username: string | null): boolean => username === 'system' || (username?.startsWith('system:') ?? false);
