import { createHmac } from 'node:crypto';
import type { Migration } from '../migration';

/**
 * Sign-in hardening. `auth_throttle.in_flight_until` is a short lease: while one attempt for a
 * name is being checked (scrypt takes a while) no other attempt for that name is evaluated, in this
 * process or another one on the same store. `auth_source_throttle` counts failures per source (the
 * window, the CLI, later a client address) across names, so one source cannot lock out names at
 * will. `login_hmac_key` keys the hash that stands for a login name wherever a typed name was kept:
 * failed sign-ins in the audit, and the throttle's rows, rekeyed here (the same hash as
 * auth/login-key.ts, written out so this step stays as it is when that code changes).
 */
export const m0012: Migration = {
  version: 12,
  name: '0012_auth_hardening',
  up(db) {
    // Written to be re-run safely (tests replay later migrations on a store set back a version):
    // the rows are rekeyed only when the lease column is added, i.e. once.
    const columns = db.prepare('PRAGMA table_info(auth_throttle)').all() as Array<{ name: string }>;
    if (columns.some((c) => c.name === 'in_flight_until')) return;
    db.exec(`
      ALTER TABLE auth_throttle ADD COLUMN in_flight_until INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE IF NOT EXISTS auth_source_throttle (
        source        TEXT PRIMARY KEY,
        failures      INTEGER NOT NULL DEFAULT 0,
        window_start  INTEGER NOT NULL DEFAULT 0,
        blocked_until INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      INSERT OR IGNORE INTO meta (key, value) VALUES ('login_hmac_key', lower(hex(randomblob(32))));
    `);
    const key = Buffer.from((db.prepare("SELECT value FROM meta WHERE key = 'login_hmac_key'").get() as { value: string }).value, 'hex');
    const rows = db.prepare('SELECT login, failures, next_allowed_at, locked_until FROM auth_throttle').all() as Array<{ login: string; failures: number; next_allowed_at: number; locked_until: number }>;
    db.prepare('DELETE FROM auth_throttle').run();
    const put = db.prepare('INSERT OR REPLACE INTO auth_throttle (login, failures, next_allowed_at, locked_until) VALUES (?, ?, ?, ?)');
    for (const r of rows) {
      const login = createHmac('sha256', key).update(r.login.normalize('NFKC').trim().toLowerCase()).digest('hex').slice(0, 32);
      put.run(login, r.failures, r.next_allowed_at, r.locked_until);
    }
  },
};
