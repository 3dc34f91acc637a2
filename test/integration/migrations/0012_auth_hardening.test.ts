import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loginHasher } from '../../../electron/core/auth/login-key';
import { migrate } from '../../../electron/core/db/migration';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { Store } from '../../../electron/core/db/store';
import { newKey, tmpDir } from '../../support/tmp';

describe('migration 0012_auth_hardening (11 -> 12)', () => {
  it('rekeys throttle rows by the keyed login hash (no attempt in flight), adds the per-source table and a random login-hash key per store', () => {
    const keysSeen: string[] = [];
    for (let n = 0; n < 2; n++) {
      const dir = tmpDir();
      const dbPath = path.join(dir, 'm.ntk');
      const { keys } = newKey(dir);
      const v11 = Store.open({ path: dbPath, keys, create: true, migrations: MIGRATIONS.slice(0, 11) });
      v11.db.prepare('INSERT INTO auth_throttle (login, failures, next_allowed_at, locked_until) VALUES (?, ?, ?, ?)').run('carol', 3, 1000, 0);
      v11.close();

      const store = Store.open({ path: dbPath, keys, migrations: MIGRATIONS.slice(0, 11) });
      expect(migrate(store.db, MIGRATIONS, 12)).toBe(12);
      expect(store.db.prepare('SELECT * FROM auth_throttle').all()).toEqual([{ login: loginHasher(store.db)('Carol'), failures: 3, next_allowed_at: 1000, locked_until: 0, in_flight_until: 0 }]);
      expect(store.db.prepare('SELECT count(*) AS n FROM auth_source_throttle').get()).toEqual({ n: 0 });
      const key = (store.db.prepare("SELECT value FROM meta WHERE key = 'login_hmac_key'").get() as { value: string }).value;
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      keysSeen.push(key);
      store.close();
    }
    expect(keysSeen[0]).not.toBe(keysSeen[1]);
  });
});
