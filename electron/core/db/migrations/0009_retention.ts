import type { Migration } from '../migration';

/**
 * Cache minimization: the admin-set retention policy (one row) and when a patient's cached
 * clinical content was purged. A purged patient keeps only its row id, source key and MRN (what
 * the audit trail and the accounting of disclosures need to name it); its documents keep their
 * ids, type and dates with the text, title, spans and labels gone.
 */
export const m0009: Migration = {
  version: 9,
  name: '0009_retention',
  up(db) {
    db.exec(`
      CREATE TABLE retention_policy (
        id             INTEGER PRIMARY KEY CHECK (id = 1),
        idle_days      INTEGER NOT NULL DEFAULT 30 CHECK (idle_days BETWEEN 1 AND 3650),
        purge_on_close INTEGER NOT NULL DEFAULT 1 CHECK (purge_on_close IN (0, 1)),
        updated_at     TEXT,
        updated_by     INTEGER REFERENCES app_user(id) ON DELETE SET NULL
      ) STRICT;
      INSERT INTO retention_policy (id) VALUES (1);

      ALTER TABLE patient ADD COLUMN purged_at TEXT;
      ALTER TABLE document ADD COLUMN purged_at TEXT;
      CREATE INDEX patient_purged ON patient(purged_at);

      -- A re-import after a purge writes content back (ChartWriter upserts by source key): the
      -- patient holds content again, and its retention clock restarts at that import.
      CREATE TRIGGER document_refilled AFTER UPDATE OF text ON document
      WHEN OLD.purged_at IS NOT NULL AND NEW.text IS NOT NULL
      BEGIN
        UPDATE document SET purged_at = NULL WHERE id = NEW.id;
        UPDATE patient SET purged_at = NULL, imported_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.patient_id;
      END;
      CREATE TRIGGER patient_refilled AFTER UPDATE OF family_name, given_name, birth_date ON patient
      WHEN OLD.purged_at IS NOT NULL AND (NEW.family_name IS NOT NULL OR NEW.given_name IS NOT NULL OR NEW.birth_date IS NOT NULL)
      BEGIN
        UPDATE patient SET purged_at = NULL, imported_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
      END;
    `);
  },
};
