/**
 * Audit export: FHIR R4 AuditEvent as NDJSON, or CSV. Codes follow the FHIR
 * audit-event-action (C/R/U/D/E) and outcome (0 success, 4 minor failure,
 * 8 serious failure) value sets; our event type travels as the subtype.
 */
import type { AuditRow } from './canonical';

const OUTCOME: Record<AuditRow['outcome'], string> = { success: '0', failure: '4', denied: '8' };

export function toFhirAuditEvent(r: AuditRow): Record<string, unknown> {
  const entity: Record<string, unknown>[] = [];
  const labels = r.labels ? r.labels.split(',').map((code) => ({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code })) : undefined;
  if (r.patient_id !== null) entity.push({ what: { reference: `Patient/${r.patient_id}` }, type: { code: '1', display: 'Person' }, securityLabel: labels });
  if (r.encounter_id !== null) entity.push({ what: { reference: `Encounter/${r.encounter_id}` } });
  if (r.document_id !== null) {
    entity.push({ what: { reference: `DocumentReference/${r.document_id}` }, detail: r.section_code ? [{ type: 'section', valueString: r.section_code }] : undefined });
  }
  return {
    resourceType: 'AuditEvent',
    id: String(r.seq),
    type: { system: 'http://need-to-know.local/audit-event-type', code: r.event_type.split('.')[0] },
    subtype: [{ system: 'http://need-to-know.local/audit-event-type', code: r.event_type }],
    action: r.action,
    recorded: r.recorded_at,
    outcome: OUTCOME[r.outcome],
    purposeOfEvent: r.purpose ? [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: r.purpose }] }] : undefined,
    agent: [
      {
        who: r.username ? { identifier: { value: r.username }, display: r.username } : { display: 'unknown' },
        role: r.role ? [{ text: r.role }] : undefined,
        requestor: true,
        network: { address: r.workstation, type: '1' },
        policy: r.rule_ids ? r.rule_ids.split(',') : undefined,
      },
    ],
    source: { observer: { display: r.workstation } },
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
