import type { Migration } from '../migration';

/**
 * Sign-in hardening. `auth_throttle.in_flight_until` is a short lease: while one attempt for a
 * name is being checked (scrypt takes a while) no other attempt for that name is evaluated, in this
 * process or another one on the same store. `auth_source_throttle` counts failures per source (the
 * window, the CLI, later a client address) across names, so one source cannot lock out names at
 * will. `login_hmac_key` keys the hash that failed sign-ins record instead of the typed name.
 */
export const m0012: Migration = {
  version: 12,
  name: '0012_auth_hardening',
  up(db) {
    db.exec(`
      ALTER TABLE auth_throttle ADD COLUMN in_flight_until INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE auth_source_throttle (
        source        TEXT PRIMARY KEY,
        failures      INTEGER NOT NULL DEFAULT 0,
        window_start  INTEGER NOT NULL DEFAULT 0,
        blocked_until INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      INSERT OR IGNORE INTO meta (key, value) VALUES ('login_hmac_key', lower(hex(randomblob(32))));
    `);
  },
};
