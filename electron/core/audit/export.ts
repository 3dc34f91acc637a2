/**
 * Audit export: FHIR R4 AuditEvent as NDJSON, or CSV. `type` is the DICOM audit event ID
 * (R4 audit-event-type, following the IHE BALP patterns), our own event code travels as a
 * subtype; `action` and `outcome` use the R4 audit-event-action (C/R/U/D/E) and
 * audit-event-outcome codes: 0 success, 4 minor failure (a refused or denied request,
 * wrong credentials), 8 serious failure (the work itself failed). Purposes are HL7 v3
 * PurposeOfUse codes via PURPOSE_INFO.hl7, never our local purpose codes.
 */
import { isPurpose, PURPOSE_INFO } from '../../../shared/purposes';
import type { AuditRow } from './canonical';
import {
  ACT_CODE,
  ACT_REASON,
  AGENT_TYPE,
  ENTITY_KIND,
  ENTITY_ROLE,
  eventTyping,
  isApplicationAgent,
  LOCAL_EVENT_TYPE,
  POLICY_URN,
  PURPOSE_OF_USE,
  SOURCE_APPLICATION_SERVER,
  type Coding,
} from './fhir-terminology';

interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface FhirAuditEvent {
  resourceType: 'AuditEvent';
  id: string;
  type: Coding;
  subtype: Coding[];
  action: AuditRow['action'];
  recorded: string;
  outcome: '0' | '4' | '8';
  purposeOfEvent?: CodeableConcept[];
  agent: Array<{
    type: CodeableConcept;
    role?: CodeableConcept[];
    who: { identifier?: { value: string }; display: string };
    requestor: boolean;
    policy?: string[];
    network: { address: string; type: '1' | '2' };
    purposeOfUse?: CodeableConcept[];
  }>;
  source: { observer: { display: string }; type: Coding[] };
  entity?: Array<{
    what: { reference?: string; display?: string };
    type: Coding;
    role: Coding;
    securityLabel?: Coding[];
    detail?: Array<{ type: string; valueString: string }>;
  }>;
}

function outcomeCode(r: AuditRow, typeCode: string): FhirAuditEvent['outcome'] {
  if (r.outcome === 'success') return '0';
  if (r.outcome === 'denied') return '4';
  // A failure is minor when the request was refused (wrong credentials, a stated refusal reason),
  // serious only when the work itself failed.
  if (typeCode === '110114') return '4';
  try {
    const detail = r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : {};
    if (typeof detail.reason === 'string') return '4';
  } catch {
    /* an unreadable detail is no refusal reason */
  }
  return '8';
}

function purposeOfUse(purpose: string | null): CodeableConcept[] | undefined {
  if (!purpose) return undefined;
  if (!isPurpose(purpose)) return [{ text: purpose }];
  const { hl7, label } = PURPOSE_INFO[purpose];
  const display = PURPOSE_OF_USE[hl7];
  // Only codes that are HL7 PurposeOfUse go under v3-ActReason; anything else stays text.
  return [display ? { coding: [{ system: ACT_REASON, code: hl7, display }], text: label } : { text: label }];
}

export function toFhirAuditEvent(r: AuditRow): FhirAuditEvent {
  const typing = eventTyping(r.event_type, r.patient_id !== null);
  const purpose = purposeOfUse(r.purpose);
  const labels = r.labels ? r.labels.split(',').map((code) => ({ system: ACT_CODE, code })) : undefined;
  const entity: NonNullable<FhirAuditEvent['entity']> = [];
  if (r.patient_id !== null) entity.push({ what: { reference: `Patient/${r.patient_id}` }, type: ENTITY_KIND.person, role: ENTITY_ROLE.patient, securityLabel: labels });
  if (r.encounter_id !== null) entity.push({ what: { reference: `Encounter/${r.encounter_id}` }, type: ENTITY_KIND.systemObject, role: ENTITY_ROLE.domainResource });
  if (r.document_id !== null) {
    entity.push({
      what: { reference: `DocumentReference/${r.document_id}` },
      type: ENTITY_KIND.systemObject,
      role: ENTITY_ROLE.report,
      detail: r.section_code ? [{ type: 'section', valueString: r.section_code }] : undefined,
    });
  } else if (r.section_code !== null) {
    entity.push({ what: { display: `section ${r.section_code}` }, type: ENTITY_KIND.systemObject, role: ENTITY_ROLE.domainResource, detail: [{ type: 'section', valueString: r.section_code }] });
  }
  if (typing.type.code === '110112') entity.push({ what: { display: r.event_type }, type: ENTITY_KIND.systemObject, role: ENTITY_ROLE.query });
  const application = isApplicationAgent(r.username);
  return {
    resourceType: 'AuditEvent',
    id: String(r.seq),
    type: typing.type,
    subtype: [{ system: LOCAL_EVENT_TYPE, code: r.event_type }, ...(typing.dicomSubtype ? [typing.dicomSubtype] : [])],
    action: r.action,
    recorded: r.recorded_at,
    outcome: outcomeCode(r, typing.type.code),
    purposeOfEvent: purpose,
    agent: [
      {
        type: { coding: [application ? AGENT_TYPE.dataProcessor : AGENT_TYPE.humanUser] },
        who: r.username ? { identifier: { value: r.username }, display: r.username } : { display: 'unknown' },
        role: r.role ? [{ text: r.role }] : undefined,
        requestor: true,
        network: { address: r.workstation, type: '1' },
        policy: r.rule_ids ? r.rule_ids.split(',').map((id) => POLICY_URN + encodeURIComponent(id)) : undefined,
        purposeOfUse: purpose,
      },
    ],
    source: { observer: { display: r.workstation }, type: [SOURCE_APPLICATION_SERVER] },
    entity: entity.length ? entity : undefined,
  };
}

const CSV_COLUMNS = ['seq', 'recorded_at', 'username', 'role', 'purpose', 'workstation', 'action', 'event_type', 'outcome', 'patient_id', 'encounter_id', 'document_id', 'section_code', 'labels', 'rule_ids', 'detail'] as const;

export const csvCell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // no formula injection when opened in a spreadsheet
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function* toCsv(rows: Iterable<AuditRow>): Generator<string> {
  yield CSV_COLUMNS.join(',') + '\n';
  for (const r of rows) yield CSV_COLUMNS.map((c) => csvCell(r[c])).join(',') + '\n';
}

export function* toNdjson(rows: Iterable<AuditRow>): Generator<string> {
  for (const r of rows) yield JSON.stringify(toFhirAuditEvent(r)) + '\n';
}
