import type { Migration } from '../migration';

/**
 * The chart skeleton: patient -> encounter -> document. Ingest adds the
 * clinical detail (sections, codes, claims, remittances) in later migrations.
 * Every row remembers where it came from (source system + id) so re-imports
 * update instead of duplicating.
 */
export const m0002: Migration = {
  version: 2,
  name: '0002_chart_core',
  up(db) {
    db.exec(`
      CREATE TABLE patient (
        id            INTEGER PRIMARY KEY,
        source_system TEXT NOT NULL,
        source_id     TEXT NOT NULL,
        mrn           TEXT,
        imported_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        last_used_at  TEXT,
        UNIQUE (source_system, source_id)
      ) STRICT;

      CREATE TABLE encounter (
        id            INTEGER PRIMARY KEY,
        patient_id    INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
        source_system TEXT NOT NULL,
        source_id     TEXT NOT NULL,
        class_code    TEXT,
        period_start  TEXT,
        period_end    TEXT,
        UNIQUE (source_system, source_id)
      ) STRICT;
      CREATE INDEX encounter_patient ON encounter(patient_id);

      CREATE TABLE document (
        id             INTEGER PRIMARY KEY,
        patient_id     INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
        encounter_id   INTEGER REFERENCES encounter(id) ON DELETE SET NULL,
        source_system  TEXT NOT NULL,
        source_id      TEXT NOT NULL,
        doc_type       TEXT,
        title          TEXT,
        authored_at    TEXT,
        content_sha256 TEXT,
        UNIQUE (source_system, source_id)
      ) STRICT;
      CREATE INDEX document_patient ON document(patient_id);
      CREATE INDEX document_encounter ON document(encounter_id);
    `);
  },
};
