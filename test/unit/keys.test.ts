import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveSubkey, keyFileKeySource, passphraseKeySource, safeStorageKeySource, type SafeStorageLike } from '../../electron/core/db/keys';
import { envelopePath } from '../../electron/core/db/key-envelope';
import { tmpDir } from '../support/tmp';

/** A stand-in keychain: wraps by XOR with a secret; reports a configurable backend. */
function fakeKeychain(backend: string, available = true): SafeStorageLike & { backend: string } {
  const k = 0x5a;
  return {
    backend,
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from([...Buffer.from(s)].map((b) => b ^ k)),
    decryptString: (b) => Buffer.from([...b].map((x) => x ^ k)).toString(),
    getSelectedStorageBackend() {
      return this.backend;
    },
  };
}

describe('safeStorage key source', () => {
  it('creates a random key, stores it only wrapped, and unwraps the same key', () => {
    const dir = tmpDir();
    const db = path.join(dir, 's.ntk');
    const src = safeStorageKeySource(fakeKeychain('gnome_libsecret'), 'linux');
    const key = src.masterKey(db, 'create');
    expect(key).toHaveLength(32);
    const env = fs.readFileSync(envelopePath(db), 'utf8');
    expect(env).toContain('gnome_libsecret');
    expect(env).not.toContain(key.toString('hex'));
    expect(env).not.toContain(key.toString('base64'));
    expect(src.masterKey(db, 'open').equals(key)).toBe(true);
  });

  it.each(['basic_text', 'unknown'])('refuses the weak Linux backend %s', (backend) => {
    const src = safeStorageKeySource(fakeKeychain(backend), 'linux');
    expect(() => src.masterKey(path.join(tmpDir(), 's.ntk'), 'create')).toThrow(/refuses/);
  });

  it('fails clearly when the keychain backend changed since the key was wrapped', () => {
    const dir = tmpDir();
    const db = path.join(dir, 's.ntk');
    const chain = fakeKeychain('gnome_libsecret');
    safeStorageKeySource(chain, 'linux').masterKey(db, 'create');
    chain.backend = 'kwallet5';
    expect(() => safeStorageKeySource(chain, 'linux').masterKey(db, 'open')).toThrow(/"gnome_libsecret".*"kwallet5"/);
  });

  it('fails clearly when no keychain is available', () => {
    const src = safeStorageKeySource(fakeKeychain('gnome_libsecret', false), 'linux');
    expect(() => src.masterKey(path.join(tmpDir(), 's.ntk'), 'create')).toThrow(/keychain is not available/);
  });
});

describe('headless key sources', () => {
  it('derives the same key from the same passphrase and salt, a different one otherwise', () => {
    const dir = tmpDir();
    const db = path.join(dir, 'p.ntk');
    const a = passphraseKeySource('correct horse battery staple').masterKey(db, 'create');
    expect(passphraseKeySource('correct horse battery staple').masterKey(db, 'open').equals(a)).toBe(true);
    expect(passphraseKeySource('correct horse battery stapler').masterKey(db, 'open').equals(a)).toBe(false);
  });

  it('refuses a short passphrase', () => {
    expect(() => passphraseKeySource('short')).toThrow(/at least 12/);
  });

  it('reads a key file of 64 hex characters or 32 raw bytes, and refuses anything else', () => {
    const dir = tmpDir();
    const hex = path.join(dir, 'hex.key');
    fs.writeFileSync(hex, 'ab'.repeat(32) + '\n');
    expect(keyFileKeySource(hex).masterKey('', 'open').toString('hex')).toBe('ab'.repeat(32));
    const raw = path.join(dir, 'raw.key');
    fs.writeFileSync(raw, Buffer.alloc(32, 9));
    expect(keyFileKeySource(raw).masterKey('', 'open').equals(Buffer.alloc(32, 9))).toBe(true);
    const bad = path.join(dir, 'bad.key');
    fs.writeFileSync(bad, 'hunter2');
    expect(() => keyFileKeySource(bad).masterKey('', 'open')).toThrow(/32 raw bytes or 64 hexadecimal/);
  });

  it('derives distinct database and audit subkeys', () => {
    const m = Buffer.alloc(32, 1);
    expect(deriveSubkey(m, 'db').equals(deriveSubkey(m, 'audit'))).toBe(false);
    expect(deriveSubkey(m, 'db').equals(m)).toBe(false);
  });
});
