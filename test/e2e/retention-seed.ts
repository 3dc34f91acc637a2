/** Raw rows for inventory screens (the e2e loader cannot import the analysis code that ChartWriter uses). */
import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface RawPatient {
  id: number;
  mrn: string;
  canaries: string[];
}

export function seedRaw(db: Database, tag: string, docs: number, labels: string[]): RawPatient {
  const canaries = [`Qzfamily${tag}`, `QZNOTE-${tag}-canary`];
  return db.transaction(() => {
    const id = Number(
      db.prepare("INSERT INTO patient (source_system, source_id, mrn, family_name, given_name) VALUES ('e2e', ?, ?, ?, 'Pat')").run(`p-${tag}`, `MRN${tag}`, canaries[0]).lastInsertRowid,
    );
    const enc = db.prepare("INSERT INTO encounter (patient_id, source_system, source_id, period_start, period_end) VALUES (?, 'e2e', ?, '2026-01-02', '2026-01-04')").run(id, `e-${tag}`).lastInsertRowid;
    for (let i = 0; i < docs; i++) {
      db.prepare("INSERT INTO document (patient_id, encounter_id, source_system, source_id, authored_at, text, labels_json) VALUES (?, ?, 'e2e', ?, '2026-01-04', ?, ?)").run(
        id, enc, `d-${tag}-${i}`, `Note ${canaries[1]} for ${canaries[0]}.`, JSON.stringify(labels),
      );
    }
    return { id, mrn: `MRN${tag}`, canaries };
  })();
}
