/** The app_user table. Users are never deleted, only disabled. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Role } from '../../../shared/roles';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  password_params: string;
  password_set_at: string;
  must_change: number;
  totp_secret: string | null;
  totp_last_step: number | null;
  recovery_codes: string | null;
  disabled_at: string | null;
  created_at: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  hash: string;
  params: string;
  mustChange: boolean;
  createdBy: number | null;
  now: string;
}

export class Users {
  constructor(private readonly db: Database) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM app_user').get() as { n: number }).n;
  }

  byName(username: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM app_user WHERE username = ?').get(username.normalize('NFKC').trim()) as UserRow | undefined;
  }

  byId(id: number): UserRow | undefined {
    return this.db.prepare('SELECT * FROM app_user WHERE id = ?').get(id) as UserRow | undefined;
  }

  list(): UserRow[] {
    return this.db.prepare('SELECT * FROM app_user ORDER BY username').all() as UserRow[];
  }

  create(u: NewUser): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO app_user (username, display_name, role, password_hash, password_params, password_set_at, must_change, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(u.username.normalize('NFKC').trim(), u.displayName.trim(), u.role, u.hash, u.params, u.now, u.mustChange ? 1 : 0, u.createdBy).lastInsertRowid,
    );
  }

  setPassword(id: number, hash: string, params: string, now: string, mustChange: boolean): void {
    this.db
      .prepare('UPDATE app_user SET password_hash = ?, password_params = ?, password_set_at = ?, must_change = ? WHERE id = ?')
      .run(hash, params, now, mustChange ? 1 : 0, id);
  }

  setRole(id: number, role: Role): void {
    this.db.prepare('UPDATE app_user SET role = ? WHERE id = ?').run(role, id);
  }

  setDisabled(id: number, at: string | null): void {
    this.db.prepare('UPDATE app_user SET disabled_at = ? WHERE id = ?').run(at, id);
  }

  setTotp(id: number, secret: string | null, recoveryHashes: string[] | null): void {
    this.db
      .prepare('UPDATE app_user SET totp_secret = ?, totp_last_step = NULL, recovery_codes = ? WHERE id = ?')
      .run(secret, recoveryHashes ? JSON.stringify(recoveryHashes) : null, id);
  }

  setTotpLastStep(id: number, step: number): void {
    this.db.prepare('UPDATE app_user SET totp_last_step = ? WHERE id = ?').run(step, id);
  }

  /**
   * Marks TOTP time step `step` used, in one statement that succeeds only while no step as new has
   * been used: true for exactly one of any number of concurrent claims of the same code.
   */
  claimTotpStep(id: number, step: number): boolean {
    return this.db.prepare('UPDATE app_user SET totp_last_step = @step WHERE id = @id AND (totp_last_step IS NULL OR totp_last_step < @step)').run({ id, step }).changes === 1;
  }

  /**
   * Removes the recovery code with hash `hash` if it is still unused, in one statement; returns how
   * many codes are left, or null when the code was not (or no longer) there.
   */
  claimRecoveryCode(id: number, hash: string): number | null {
    const done = this.db
      .prepare(
        `UPDATE app_user SET recovery_codes = (SELECT json_group_array(value) FROM json_each(app_user.recovery_codes) WHERE value <> @hash)
         WHERE id = @id AND EXISTS (SELECT 1 FROM json_each(app_user.recovery_codes) WHERE value = @hash)`,
      )
      .run({ id, hash });
    if (done.changes !== 1) return null;
    const row = this.db.prepare('SELECT json_array_length(recovery_codes) AS n FROM app_user WHERE id = ?').get(id) as { n: number };
    return row.n;
  }

  activeAdmins(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM app_user WHERE role = 'admin' AND disabled_at IS NULL").get() as { n: number }).n;
  }
}
