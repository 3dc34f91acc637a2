/**
 * The dispatcher's auditor for replies that carry PHI: one `phi.reply` event per reply, naming the
 * caller, the call, and the patients (plus encounters, documents and claims) the reply is about —
 * patients are found behind the encounter, document and claim ids, so a reply naming only an
 * encounter is still recorded against its patient. Single ids go in their columns (searchable by
 * patient in the Audit tab); several go in the detail as sorted, comma-separated lists.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PhiSubject } from '../../../shared/phi-replies';
import type { AuditLog } from '../audit/audit-log';
import { StatementCache } from '../db/statements';
import type { RecordPhiReply } from './dispatch';

const PATIENT_OF = {
  encounter: 'SELECT patient_id AS p FROM encounter WHERE id = ?',
  document: 'SELECT patient_id AS p FROM document WHERE id = ?',
  claim: 'SELECT patient_id AS p FROM claim WHERE id = ?',
} as const;

const sortedUnique = (xs: readonly number[] | undefined): number[] => [...new Set(xs ?? [])].sort((a, b) => a - b);

export function phiAuditor(db: Database, audit: AuditLog): RecordPhiReply {
  const stmts = new StatementCache(db);
  const patientsOf = (kind: keyof typeof PATIENT_OF, ids: readonly number[]): number[] =>
    ids.flatMap((id) => {
      const r = stmts.get(PATIENT_OF[kind]).get(id) as { p: number | null } | undefined;
      return r?.p != null ? [r.p] : [];
    });
  return ({ call, session, subject }) => {
    const s = normalize(subject);
    const patients = sortedUnique([...s.patientIds, ...patientsOf('encounter', s.encounterIds), ...patientsOf('document', s.documentIds), ...patientsOf('claim', s.claimIds)]);
    const one = (xs: number[]) => (xs.length === 1 ? xs[0]! : null);
    const many = (key: string, xs: number[]) => (xs.length > 1 ? { [key]: xs.join(',') } : {});
    audit.append({
      userId: session.userId,
      username: session.username,
      role: session.role,
      purpose: session.purpose?.purpose ?? null,
      action: 'R',
      eventType: 'phi.reply',
      outcome: 'success',
      patientId: one(patients),
      encounterId: one(s.encounterIds),
      documentId: one(s.documentIds),
      detail: {
        call,
        patientCount: patients.length,
        ...many('patients', patients),
        ...many('encounters', s.encounterIds),
        ...many('documents', s.documentIds),
        ...(s.claimIds.length ? { claims: s.claimIds.join(',') } : {}),
      },
    });
  };
}

function normalize(s: PhiSubject): Required<{ [K in keyof PhiSubject]: number[] }> {
  return {
    patientIds: sortedUnique(s.patientIds),
    encounterIds: sortedUnique(s.encounterIds),
    documentIds: sortedUnique(s.documentIds),
    claimIds: sortedUnique(s.claimIds),
  };
}
