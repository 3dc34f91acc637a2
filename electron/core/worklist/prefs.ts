/** Per-user preferences of the coder workstation. Non-PHI settings only (never a patient or encounter). */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CoderPrefs } from '../../../shared/coder-contract';
import { isPurpose } from '../../../shared/purposes';

const REMEMBERED_PURPOSE = 'coder.rememberedPurpose';

export class UserPrefs {
  constructor(private readonly db: Database) {}

  private get(userId: number, key: string): string | null {
    return (this.db.prepare('SELECT value FROM user_pref WHERE user_id = ? AND key = ?').get(userId, key) as { value: string } | undefined)?.value ?? null;
  }

  private set(userId: number, key: string, value: string | null): void {
    if (value === null) this.db.prepare('DELETE FROM user_pref WHERE user_id = ? AND key = ?').run(userId, key);
    else this.db.prepare('INSERT INTO user_pref(user_id, key, value) VALUES (?, ?, ?) ON CONFLICT(user_id, key) DO UPDATE SET value = excluded.value').run(userId, key, value);
  }

  coder(userId: number): CoderPrefs {
    const p = this.get(userId, REMEMBERED_PURPOSE);
    return { rememberedPurpose: p && isPurpose(p) ? p : null };
  }

  setCoder(userId: number, prefs: CoderPrefs): CoderPrefs {
    this.set(userId, REMEMBERED_PURPOSE, prefs.rememberedPurpose);
    return this.coder(userId);
  }
}
