/**
 * Key handling behind one interface. A KeySource yields the store's 32-byte
 * master key; the SQLCipher page key (and later the audit HMAC key) are derived
 * from it with HKDF, so one secret protects the store and nothing else is kept.
 *
 * - passphrase: scrypt(NTK_DB_PASSPHRASE, salt); the salt and parameters live
 *   in the key envelope beside the store (headless: CLI, tests).
 * - keyFile: 32 raw bytes or 64 hex characters read from a file (headless).
 * - safeStorage: a random key, stored only wrapped by the OS keychain (the app).
 */
import { hkdfSync, randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import { NtkError } from '../errors';
import { envelopePath, readEnvelope, writeEnvelope } from './key-envelope';

export type KeySourceKind = 'safeStorage' | 'passphrase' | 'keyFile';
export type KeyMode = 'open' | 'create';

export interface KeySource {
  readonly kind: KeySourceKind;
  /** The 32-byte master key for the store at dbPath. 'create' may make new key material. */
  masterKey(dbPath: string, mode: KeyMode): Buffer;
  /** Undo what 'create' wrote, when creating the store failed. */
  discard?(dbPath: string): void;
}

export const KEY_BYTES = 32;

/** HKDF-SHA256 subkey of the master key, one per purpose label. */
export function deriveSubkey(master: Buffer, label: 'db' | 'audit'): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `need-to-know/${label}/v1`, KEY_BYTES));
}

// --- passphrase (scrypt) -----------------------------------------------------

export const SCRYPT_DEFAULTS = { N: 2 ** 15, r: 8, p: 1 } as const;
const MIN_PASSPHRASE = 12;

export function passphraseKeySource(passphrase: string, params = SCRYPT_DEFAULTS): KeySource {
  if (passphrase.length < MIN_PASSPHRASE) {
    throw new NtkError('KEY_UNAVAILABLE', `NTK_DB_PASSPHRASE must be at least ${MIN_PASSPHRASE} characters.`);
  }
  const derive = (salt: Buffer, p: { N: number; r: number; p: number }) =>
    scryptSync(passphrase.normalize('NFKC'), salt, KEY_BYTES, { ...p, maxmem: 256 * p.N * p.r });
  return {
    kind: 'passphrase',
    masterKey(dbPath, mode) {
      if (mode === 'create') {
        const salt = randomBytes(16);
        writeEnvelope(dbPath, { kind: 'passphrase', kdf: 'scrypt', salt: salt.toString('base64'), ...params });
        return derive(salt, params);
      }
      const env = readEnvelope(dbPath);
      if (env.kind !== 'passphrase') throw wrongSource(env.kind, 'passphrase');
      return derive(Buffer.from(env.salt, 'base64'), env);
    },
    discard: removeEnvelope,
  };
}

// --- key file ----------------------------------------------------------------

export function keyFileKeySource(keyFile: string): KeySource {
  return {
    kind: 'keyFile',
    masterKey() {
      let raw: Buffer;
      try {
        raw = fs.readFileSync(keyFile);
      } catch (e) {
        throw new NtkError('KEY_UNAVAILABLE', `Cannot read the key file ${keyFile}.`, { cause: e });
      }
      const text = raw.toString('latin1').trim();
      if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
      if (raw.length === KEY_BYTES) return Buffer.from(raw);
      throw new NtkError('KEY_UNAVAILABLE', 'The key file must hold 32 raw bytes or 64 hexadecimal characters.');
    },
  };
}

/** Writes a new random key file (mode 0600); refuses to overwrite one. */
export function createKeyFile(keyFile: string): void {
  fs.writeFileSync(keyFile, randomBytes(KEY_BYTES).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
}

// --- OS keychain (Electron safeStorage, injected) ----------------------------

/** The part of Electron's safeStorage we use; the adapter passes the real one. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(wrapped: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** Linux backends that do not really protect the key (Chromium's os_crypt). */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);

export function safeStorageKeySource(safe: SafeStorageLike, platform: string): KeySource {
  const backend = (): string => {
    if (!safe.isEncryptionAvailable()) {
      throw new NtkError('KEY_UNAVAILABLE', 'The operating system keychain is not available; the store cannot be unlocked.');
    }
    if (platform !== 'linux') return platform;
    const name = safe.getSelectedStorageBackend?.() ?? 'unknown';
    if (WEAK_BACKENDS.has(name)) {
      throw new NtkError(
        'KEY_UNAVAILABLE',
        `The keychain backend "${name}" stores secrets in plain text; Need-to-Know refuses it. Install and unlock a Secret Service keyring (GNOME Keyring or KWallet).`,
      );
    }
    return name;
  };
  return {
    kind: 'safeStorage',
    masterKey(dbPath, mode) {
      const current = backend();
      if (mode === 'create') {
        const key = randomBytes(KEY_BYTES);
        const wrapped = safe.encryptString(key.toString('hex')).toString('base64');
        writeEnvelope(dbPath, { kind: 'safeStorage', backend: current, wrapped });
        return key;
      }
      const env = readEnvelope(dbPath);
      if (env.kind !== 'safeStorage') throw wrongSource(env.kind, 'safeStorage');
      if (env.backend !== current) {
        throw new NtkError(
          'KEY_UNAVAILABLE',
          `The store's key was wrapped by the "${env.backend}" keychain but this session uses "${current}"; restore that keychain to unlock it.`,
        );
      }
      let hex: string;
      try {
        hex = safe.decryptString(Buffer.from(env.wrapped, 'base64'));
      } catch (e) {
        throw new NtkError('KEY_UNAVAILABLE', 'The keychain could not unwrap the store key.', { cause: e });
      }
      if (!/^[0-9a-f]{64}$/.test(hex)) throw new NtkError('KEY_UNAVAILABLE', 'The unwrapped store key is malformed.');
      return Buffer.from(hex, 'hex');
    },
    discard: removeEnvelope,
  };
}

function wrongSource(found: string, wanted: KeySourceKind): NtkError {
  return new NtkError('KEY_UNAVAILABLE', `This store's key is held by "${found}", not "${wanted}".`);
}

function removeEnvelope(dbPath: string): void {
  fs.rmSync(envelopePath(dbPath), { force: true });
}
