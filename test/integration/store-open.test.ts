import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { Store } from '../../electron/core/db/store';
import { m0001 } from '../../electron/core/db/migrations/0001_store_meta';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { latestVersion } from '../../electron/core/db/migration';

const LATEST = latestVersion(MIGRATIONS);
import { keyFileKeySource, passphraseKeySource } from '../../electron/core/db/keys';
import { envelopePath } from '../../electron/core/db/key-envelope';
import { NtkError } from '../../electron/core/errors';
import { canMountTmpfs, mountTmpfs } from '../support/tmpfs';
import { newKey, sha256, tmpDir } from '../support/tmp';

function openError(fn: () => unknown): NtkError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(NtkError);
    return e as NtkError;
  }
  throw new Error('expected the open to fail');
}

describe('opening the encrypted store', () => {
  it('creates a store with the required pragmas and reopens it with the same key', () => {
    const dir = tmpDir();
    const { keys } = newKey(dir);
    const dbPath = path.join(dir, 'a.ntk');
    const store = Store.open({ path: dbPath, keys, create: true });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
    const id = store.status().storeId;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    store.close();
    expect(fs.statSync(dbPath).mode & 0o777).toBe(0o600);

    const again = Store.open({ path: dbPath, keys });
    expect(again.status()).toMatchObject({ storeId: id, schemaVersion: LATEST, latestSchemaVersion: LATEST });
    again.close();
  });

  it('derives the key from a passphrase with scrypt, salt kept in the envelope', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'p.ntk');
    Store.open({ path: dbPath, keys: passphraseKeySource('correct horse battery staple'), create: true }).close();
    const env = JSON.parse(fs.readFileSync(envelopePath(dbPath), 'utf8'));
    expect(env).toMatchObject({ kind: 'passphrase', kdf: 'scrypt' });
    expect(JSON.stringify(env)).not.toContain('horse');
    Store.open({ path: dbPath, keys: passphraseKeySource('correct horse battery staple') }).close();
    const e = openError(() => Store.open({ path: dbPath, keys: passphraseKeySource('wrong horse battery staple') }));
    expect(e.code).toBe('WRONG_KEY_OR_NOT_STORE');
  });

  it('refuses a wrong key with a clear error and leaves the file untouched', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'a.ntk');
    Store.open({ path: dbPath, keys: newKey(dir).keys, create: true }).close();
    const before = sha256(dbPath);
    const other = newKey(dir, 'other.key').keys;
    for (const create of [false, true]) {
      const e = openError(() => Store.open({ path: dbPath, keys: other, create }));
      expect(e.code).toBe('WRONG_KEY_OR_NOT_STORE');
      expect(e.message).toContain('Wrong key or not a Need-to-Know database');
    }
    expect(sha256(dbPath)).toBe(before);
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);
  });

  it.each([
    ['random bytes', (f: string) => fs.writeFileSync(f, Buffer.alloc(8192, 7))],
    ['a text file', (f: string) => fs.writeFileSync(f, 'Patient: Jane Doe\nDOB 01/02/1960\n')],
    ['an empty file', (f: string) => fs.writeFileSync(f, '')],
    [
      'a plain SQLite database',
      (f: string) => {
        const db = new Database(f);
        db.exec('CREATE TABLE notes(t); INSERT INTO notes VALUES (1)');
        db.close();
      },
    ],
  ])('refuses %s as "not a store", never replacing it', (_label, make) => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'x.ntk');
    make(dbPath);
    const before = sha256(dbPath);
    const e = openError(() => Store.open({ path: dbPath, keys: newKey(dir).keys, create: true }));
    expect(e.code).toBe('WRONG_KEY_OR_NOT_STORE');
    expect(sha256(dbPath)).toBe(before);
  });

  it('refuses an encrypted database of another application even with the right key', () => {
    const dir = tmpDir();
    const { keys } = newKey(dir);
    const dbPath = path.join(dir, 'other.db');
    // Same cipher and key, but no Need-to-Know migrations: application_id is not ours.
    Store.open({ path: dbPath, keys, create: true, migrations: [] }).close();
    const e = openError(() => Store.open({ path: dbPath, keys }));
    expect(e.code).toBe('WRONG_KEY_OR_NOT_STORE');
    expect(e.message).toContain('another application');
  });

  it('refuses a store from a newer schema and leaves it untouched', () => {
    const dir = tmpDir();
    const { keys } = newKey(dir);
    const dbPath = path.join(dir, 'new.ntk');
    const s = Store.open({ path: dbPath, keys, create: true });
    s.db.pragma('user_version = 99');
    s.close();
    const before = sha256(dbPath);
    for (const readonly of [false, true]) {
      const e = openError(() => Store.open({ path: dbPath, keys, readonly }));
      expect(e.code).toBe('NEWER_SCHEMA');
      expect(e.message).toContain(`schema version 99, newer than this version of Need-to-Know understands (${LATEST})`);
    }
    expect(sha256(dbPath)).toBe(before);
  });

  it('does not create a store unless asked, and cleans up after a failed create', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'missing.ntk');
    expect(openError(() => Store.open({ path: dbPath, keys: newKey(dir).keys })).code).toBe('STORE_NOT_FOUND');
    expect(fs.existsSync(dbPath)).toBe(false);
    expect(openError(() => Store.open({ path: path.join(dir, 'no/such/dir/a.ntk'), keys: newKey(dir, 'k2').keys, create: true })).code).toBe(
      'STORE_NOT_FOUND',
    );
    const unreadable = keyFileKeySource(path.join(dir, 'absent.key'));
    expect(openError(() => Store.open({ path: dbPath, keys: unreadable, create: true })).code).toBe('KEY_UNAVAILABLE');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('missing'))).toEqual([]);
  });

  it('refuses to unlock without the key envelope', () => {
    const dir = tmpDir();
    const dbPath = path.join(dir, 'p.ntk');
    Store.open({ path: dbPath, keys: passphraseKeySource('correct horse battery staple'), create: true }).close();
    fs.rmSync(envelopePath(dbPath));
    const e = openError(() => Store.open({ path: dbPath, keys: passphraseKeySource('correct horse battery staple') }));
    expect(e.code).toBe('KEY_UNAVAILABLE');
    expect(e.message).toContain('missing');
  });
});

const mountable = canMountTmpfs();

describe.skipIf(!mountable)('opening on a read-only or full disk (real tmpfs)', () => {
  it('reports a read-only disk clearly for writing and reading, and changes nothing', () => {
    const fsys = mountTmpfs(2048);
    try {
      const keyDir = tmpDir();
      const { keys } = newKey(keyDir);
      const dbPath = path.join(fsys.dir, 'ro.ntk');
      Store.open({ path: dbPath, keys, create: true }).close();
      const before = sha256(dbPath);
      fsys.remount('ro');
      const e = openError(() => Store.open({ path: dbPath, keys }));
      expect(e.code).toBe('READ_ONLY');
      expect(e.message).toContain('read-only');
      const created = openError(() => Store.open({ path: path.join(fsys.dir, 'new.ntk'), keys, create: true }));
      expect(created.code).toBe('READ_ONLY');
      // Even reading needs the WAL index (-shm) beside the store, so read-only media is refused too.
      expect(openError(() => Store.open({ path: dbPath, keys, readonly: true })).code).toBe('READ_ONLY');
      expect(sha256(dbPath)).toBe(before);
    } finally {
      fsys.dispose();
    }
  });

  it('reports a full disk during an upgrade, rolls back, and keeps every stored row', () => {
    const fsys = mountTmpfs(1024);
    try {
      const keyDir = tmpDir();
      const { keys } = newKey(keyDir);
      const dbPath = path.join(fsys.dir, 'full.ntk');
      const v1 = Store.open({ path: dbPath, keys, create: true, migrations: [m0001] });
      v1.db.prepare("INSERT INTO meta(key, value) VALUES ('canary', ?)").run('kept-' + 'x'.repeat(2000));
      v1.close();
      const filler = fsys.fill();
      const e = openError(() => Store.open({ path: dbPath, keys }));
      expect(e.code).toBe('DISK_FULL');
      expect(e.message).toContain('full');
      fs.rmSync(filler);
      const reopened = Store.open({ path: dbPath, keys, migrations: [m0001] });
      expect(reopened.schemaVersion).toBe(1);
      expect(reopened.meta('canary')).toMatch(/^kept-x+$/);
      expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
      reopened.close();
      const upgraded = Store.open({ path: dbPath, keys });
      expect(upgraded.schemaVersion).toBe(LATEST);
      upgraded.close();
    } finally {
      fsys.dispose();
    }
  });

  it('reports a full disk when creating, leaving no partial store behind', () => {
    const fsys = mountTmpfs(256);
    try {
      fsys.fill();
      const keyDir = tmpDir();
      const dbPath = path.join(fsys.dir, 'new.ntk');
      const e = openError(() => Store.open({ path: dbPath, keys: newKey(keyDir).keys, create: true }));
      expect(e.code).toBe('DISK_FULL');
      expect(fs.readdirSync(fsys.dir)).toEqual(['filler.bin']);
    } finally {
      fsys.dispose();
    }
  });
});
