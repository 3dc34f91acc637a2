import type { Migration } from '../migration';

/**
 * Local users and login throttling. Users are never deleted (the audit trail
 * must stay attributable): they are disabled. Throttle counters live here, keyed
 * by the normalized login name whether or not such a user exists, so restarts
 * don't reset them and answers don't reveal which names are real.
 */
export const m0003: Migration = {
  version: 3,
  name: '0003_users',
  up(db) {
    db.exec(`
      CREATE TABLE app_user (
        id              INTEGER PRIMARY KEY,
        username        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name    TEXT NOT NULL,
        role            TEXT NOT NULL CHECK (role IN ('coder','biller','cdi','supervisor','privacy_officer','admin')),
        password_hash   TEXT NOT NULL,
        password_params TEXT NOT NULL,
        password_set_at TEXT NOT NULL,
        must_change     INTEGER NOT NULL DEFAULT 0,
        totp_secret     TEXT,
        totp_last_step  INTEGER,
        recovery_codes  TEXT,
        disabled_at     TEXT,
        created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        created_by      INTEGER REFERENCES app_user(id)
      ) STRICT;

      CREATE TRIGGER app_user_no_delete BEFORE DELETE ON app_user
      BEGIN SELECT RAISE(ABORT, 'users are disabled, never deleted'); END;

      CREATE TABLE auth_throttle (
        login           TEXT PRIMARY KEY,
        failures        INTEGER NOT NULL DEFAULT 0,
        next_allowed_at INTEGER NOT NULL DEFAULT 0,
        locked_until    INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      INSERT INTO meta (key, value) VALUES ('idle_minutes', '15');
    `);
  },
};
