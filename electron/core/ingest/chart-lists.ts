/**
 * Headless listings of what was imported (`ntk patients`, `ntk encounters`): ids, dates, types and
 * counts — no names, addresses or note text.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface PatientRow {
  id: number;
  sourceSystem: string;
  mrn: string | null;
  sex: string | null;
  birthYear: string | null;
  importedAt: string;
  encounters: number;
  documents: number;
  conditions: number;
  claims: number;
}

export interface EncounterRow {
  id: number;
  patientId: number;
  sourceSystem: string;
  classCode: string | null;
  status: string | null;
  type: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  documents: number;
  conditions: number;
  procedures: number;
  observations: number;
  claims: number;
}

export function listPatients(db: Database): PatientRow[] {
  return db
    .prepare(
      `SELECT p.id, p.source_system AS sourceSystem, p.mrn, p.sex, substr(p.birth_date, 1, 4) AS birthYear, p.imported_at AS importedAt,
         (SELECT count(*) FROM encounter e WHERE e.patient_id = p.id) AS encounters,
         (SELECT count(*) FROM document d WHERE d.patient_id = p.id) AS documents,
         (SELECT count(*) FROM condition c WHERE c.patient_id = p.id) AS conditions,
         (SELECT count(*) FROM claim c WHERE c.patient_id = p.id) AS claims
       FROM patient p ORDER BY p.id`,
    )
    .all() as PatientRow[];
}

export function listEncounters(db: Database, patientId?: number): EncounterRow[] {
  return db
    .prepare(
      `SELECT e.id, e.patient_id AS patientId, e.source_system AS sourceSystem, e.class_code AS classCode, e.status,
         coalesce(e.type_display, e.type_code) AS type, e.period_start AS periodStart, e.period_end AS periodEnd,
         (SELECT count(*) FROM document d WHERE d.encounter_id = e.id) AS documents,
         (SELECT count(*) FROM condition c WHERE c.encounter_id = e.id) AS conditions,
         (SELECT count(*) FROM procedure_done x WHERE x.encounter_id = e.id) AS procedures,
         (SELECT count(*) FROM observation o WHERE o.encounter_id = e.id) AS observations,
         (SELECT count(*) FROM claim c WHERE c.encounter_id = e.id) AS claims
       FROM encounter e WHERE (? IS NULL OR e.patient_id = ?) ORDER BY e.patient_id, e.period_start, e.id`,
    )
    .all(patientId ?? null, patientId ?? null) as EncounterRow[];
}
