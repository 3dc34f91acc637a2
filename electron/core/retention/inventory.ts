/**
 * The exposure inventory: what clinical content this device holds right now (patients by MRN,
 * encounters, document counts, sensitivity labels, oldest and newest dates). It is what a privacy
 * officer needs first for a breach risk assessment (45 CFR 164.402) if the laptop is lost.
 * Only patients that still hold cached content are listed; purged stubs are counted apart.
 *
 * Minimum necessary: the per-patient list (an MRN next to HIV, substance-use or psychotherapy
 * labels) is itself sensitive PHI. Only the privacy officer, who must identify the individuals
 * affected by a breach (164.404), gets it ('patients'), and each patient listed is named in the
 * audit trail like any other PHI read. An administrator runs the device and the retention policy
 * and gets totals and counts by label only ('counts').
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ExposureInventory, InventoryPatient, InventoryScope } from '../../../shared/retention-contract';
import type { AuditActor, AuditEventInput } from '../audit/audit-log';

/** Which inventory a role gets (see above). */
export const inventoryScopeFor = (role: string): InventoryScope => (role === 'privacy_officer' ? 'patients' : 'counts');

export function buildInventory(db: Database, now: Date, scope: InventoryScope = 'patients'): ExposureInventory {
  const rows = db
    .prepare(
      `SELECT p.id, p.mrn, p.last_used_at,
              (SELECT count(*) FROM encounter e WHERE e.patient_id = p.id) AS encounters,
              (SELECT count(*) FROM document d WHERE d.patient_id = p.id AND d.text IS NOT NULL) AS documents,
              (SELECT json_group_array(DISTINCT j.value) FROM document d, json_each(d.labels_json) j WHERE d.patient_id = p.id AND d.text IS NOT NULL) AS labels,
              (SELECT min(x) FROM (SELECT substr(period_start, 1, 10) AS x FROM encounter WHERE patient_id = p.id
                                   UNION ALL SELECT substr(authored_at, 1, 10) FROM document WHERE patient_id = p.id AND text IS NOT NULL)) AS oldest,
              (SELECT max(x) FROM (SELECT substr(coalesce(period_end, period_start), 1, 10) AS x FROM encounter WHERE patient_id = p.id
                                   UNION ALL SELECT substr(authored_at, 1, 10) FROM document WHERE patient_id = p.id AND text IS NOT NULL)) AS newest
         FROM patient p
        WHERE p.purged_at IS NULL OR EXISTS (SELECT 1 FROM document d WHERE d.patient_id = p.id AND d.text IS NOT NULL)
        ORDER BY p.mrn, p.id`,
    )
    .all() as Array<{ id: number; mrn: string | null; last_used_at: string | null; encounters: number; documents: number; labels: string; oldest: string | null; newest: string | null }>;
  const patients: InventoryPatient[] = rows.map((r) => ({
    patientId: r.id,
    mrn: r.mrn,
    encounters: r.encounters,
    documents: r.documents,
    labels: (JSON.parse(r.labels) as Array<string | null>).filter((x): x is string => !!x).sort(),
    oldest: r.oldest,
    newest: r.newest,
    lastUsedAt: r.last_used_at,
  }));
  const labels = db
    .prepare(
      `SELECT j.value AS label, count(DISTINCT d.id) AS documents, count(DISTINCT d.patient_id) AS patients
         FROM document d, json_each(d.labels_json) j WHERE d.text IS NOT NULL GROUP BY j.value ORDER BY j.value`,
    )
    .all() as Array<{ label: string; documents: number; patients: number }>;
  const purged = (db.prepare('SELECT count(*) AS n FROM patient WHERE purged_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM document d WHERE d.patient_id = patient.id AND d.text IS NOT NULL)').get() as { n: number }).n;
  const dates = patients.flatMap((p) => [p.oldest, p.newest]).filter((x): x is string => !!x).sort();
  const storeId = (db.prepare("SELECT value FROM meta WHERE key = 'store_id'").get() as { value: string } | undefined)?.value ?? '';
  return {
    scope,
    generatedAt: now.toISOString(),
    storeId,
    totals: {
      patients: patients.length,
      encounters: patients.reduce((a, p) => a + p.encounters, 0),
      documents: patients.reduce((a, p) => a + p.documents, 0),
      purgedPatients: purged,
    },
    labels,
    oldest: dates[0] ?? null,
    newest: dates.at(-1) ?? null,
    patients: scope === 'patients' ? patients : [],
  };
}

/**
 * The audit events for showing or exporting an inventory: one summary event, and one per patient
 * listed (its id and labels), so a patient's audit history shows that the inventory disclosed them.
 */
export function inventoryAuditEvents(inv: ExposureInventory, by: AuditActor, what: 'read' | 'export', detail: Record<string, string | number | boolean | null> = {}): AuditEventInput[] {
  const action = what === 'read' ? ('R' as const) : ('E' as const);
  return [
    { ...by, action, eventType: `inventory.${what}`, outcome: 'success', detail: { ...detail, scope: inv.scope, patients: inv.totals.patients, listed: inv.patients.length } },
    ...inv.patients.map((p) => ({ ...by, action, eventType: `inventory.${what}.patient`, outcome: 'success' as const, patientId: p.patientId, labels: p.labels })),
  ];
}
