import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../electron/core/db/store';
import { migrate } from '../../../electron/core/db/migration';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { NTK_APPLICATION_ID } from '../../../electron/core/db/migrations/0001_store_meta';
import { newKey, tmpDir } from '../../support/tmp';

describe('migration 0001_store_meta (0 -> 1)', () => {
  it('stamps the application id and records a store id and creation time', () => {
    const dir = tmpDir();
    const store = Store.open({ path: path.join(dir, 'm.ntk'), keys: newKey(dir).keys, create: true, migrations: [] });
    expect(store.schemaVersion).toBe(0);
    expect(migrate(store.db, MIGRATIONS, 1)).toBe(1);
    expect(store.db.pragma('application_id', { simple: true })).toBe(NTK_APPLICATION_ID);
    expect(store.meta('store_id')).toMatch(/^[0-9a-f]{32}$/);
    expect(Date.parse(store.meta('created_at') ?? '')).not.toBeNaN();
    store.close();
  });
});
