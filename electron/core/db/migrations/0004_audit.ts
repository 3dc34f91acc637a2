import type { Migration } from '../migration';

/**
 * The audit trail: an append-only, HMAC-chained table (UPDATE and DELETE are
 * refused by triggers) plus signed checkpoints of the chain head, so that a
 * truncated tail is detected as well as an edit, a deletion or a reordering.
 */
export const m0004: Migration = {
  version: 4,
  name: '0004_audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_event (
        seq          INTEGER PRIMARY KEY,
        recorded_at  TEXT NOT NULL,
        user_id      INTEGER,
        username     TEXT,
        role         TEXT,
        purpose      TEXT,
        workstation  TEXT NOT NULL,
        action       TEXT NOT NULL CHECK (action IN ('C','R','U','D','E')),
        event_type   TEXT NOT NULL,
        outcome      TEXT NOT NULL CHECK (outcome IN ('success','failure','denied')),
        patient_id   INTEGER,
        encounter_id INTEGER,
        document_id  INTEGER,
        section_code TEXT,
        labels       TEXT,
        rule_ids     TEXT,
        detail       TEXT,
        hash         BLOB NOT NULL
      ) STRICT;
      CREATE INDEX audit_event_time ON audit_event(recorded_at);
      CREATE INDEX audit_event_user ON audit_event(user_id, recorded_at);
      CREATE INDEX audit_event_patient ON audit_event(patient_id, recorded_at);

      CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      CREATE TABLE audit_checkpoint (
        seq       INTEGER PRIMARY KEY,
        head      BLOB NOT NULL,
        signed_at TEXT NOT NULL,
        signature BLOB NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
      BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
      CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
      BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
    `);
  },
};
