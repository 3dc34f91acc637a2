import type { Migration } from '../migration';

/**
 * Elevated access: requests for more than the policy shows, their approvals, the grants they become,
 * break-glass events with their retrospective review, and in-app alerts to supervisors.
 *
 * One row per request in access_request carries the whole life of the request and of the grant it
 * becomes (pending → approved → expired | revoked; or denied | withdrawn | expired). Wall times are
 * ISO strings; the running expiry of an active grant is enforced on the monotonic clock in memory,
 * and `elapsed_ms` records how much of the grant has been used so a restart can be conservative.
 * Justifications and notes are free text a person typed: they stay in the store, never in the audit
 * detail or a log.
 */
export const m0006: Migration = {
  version: 6,
  name: '0006_access',
  up(db) {
    db.exec(`
      CREATE TABLE access_request (
        id                 INTEGER PRIMARY KEY,
        kind               TEXT NOT NULL CHECK (kind IN ('request','break_glass')),
        requester_id       INTEGER NOT NULL REFERENCES app_user(id),
        requester_role     TEXT NOT NULL,
        -- 'handle': made from a masked placeholder (the requester is not told what is behind it); 'manual'.
        origin             TEXT NOT NULL CHECK (origin IN ('handle','manual')),
        patient_id         INTEGER NOT NULL REFERENCES patient(id),
        encounter_id       INTEGER REFERENCES encounter(id),
        -- GrantScope as requested, and as it stands after an approver narrowed it.
        requested_scope_json TEXT NOT NULL,
        scope_json         TEXT NOT NULL,
        -- DS4P labels of what the scope covers (known to the store, shown to approvers only).
        scope_labels_json  TEXT NOT NULL DEFAULT '[]',
        purpose            TEXT NOT NULL,
        justification      TEXT NOT NULL,
        reason_code        TEXT,           -- break-glass: the reason picked from the list
        requested_minutes  INTEGER NOT NULL CHECK (requested_minutes > 0),
        approvals_required INTEGER NOT NULL DEFAULT 1,
        needs_privacy_officer INTEGER NOT NULL DEFAULT 0,
        status             TEXT NOT NULL CHECK (status IN ('pending','approved','denied','withdrawn','expired','revoked')),
        created_at         TEXT NOT NULL,
        decided_at         TEXT,
        decided_by         INTEGER REFERENCES app_user(id),
        decision_reason    TEXT,
        granted_at         TEXT,
        granted_minutes    INTEGER,
        expires_at         TEXT,           -- wall time the grant ends (the monotonic deadline rules while running)
        elapsed_ms         INTEGER NOT NULL DEFAULT 0,
        ended_at           TEXT,
        ended_by           INTEGER REFERENCES app_user(id),
        end_reason         TEXT
      ) STRICT;
      CREATE INDEX access_request_status ON access_request(status);
      CREATE INDEX access_request_requester ON access_request(requester_id, created_at);

      CREATE TABLE access_approval (
        request_id    INTEGER NOT NULL REFERENCES access_request(id),
        approver_id   INTEGER NOT NULL REFERENCES app_user(id),
        approver_role TEXT NOT NULL,
        approved_at   TEXT NOT NULL,
        minutes       INTEGER NOT NULL,
        PRIMARY KEY (request_id, approver_id)
      ) STRICT;

      CREATE TABLE break_glass_review (
        request_id  INTEGER PRIMARY KEY REFERENCES access_request(id),
        due_at      TEXT NOT NULL,
        reviewed_at TEXT,
        reviewer_id INTEGER REFERENCES app_user(id),
        verdict     TEXT CHECK (verdict IN ('appropriate','inappropriate')),
        notes       TEXT
      ) STRICT;

      -- In-app alerts (break-glass started); each approver acknowledges them for themself.
      CREATE TABLE access_alert (
        id         INTEGER PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES access_request(id),
        kind       TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE access_alert_ack (
        alert_id INTEGER NOT NULL REFERENCES access_alert(id),
        user_id  INTEGER NOT NULL REFERENCES app_user(id),
        acked_at TEXT NOT NULL,
        PRIMARY KEY (alert_id, user_id)
      ) STRICT;

      -- Decisions and reviews are history: they are never deleted.
      CREATE TRIGGER access_request_no_delete BEFORE DELETE ON access_request
      BEGIN SELECT RAISE(ABORT, 'access requests are kept'); END;
      CREATE TRIGGER break_glass_review_no_delete BEFORE DELETE ON break_glass_review
      BEGIN SELECT RAISE(ABORT, 'break-glass reviews are kept'); END;
    `);
  },
};
