/**
 * Where the audit head key lives in the app: its own seed, wrapped by the OS keychain in its own
 * envelope beside the store (never in the clear, never derived from the store key). A process
 * without the keychain (`ntk` on the app's store) appends without signing, and verify says so,
 * until the app signs the head again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INFO } from '../../../electron/core/app-info';
import { headKeyFromSeed } from '../../../electron/core/audit/head-log';
import { verifyAudit } from '../../../electron/core/audit/verify';
import { createBackend, type Backend } from '../../../electron/core/backend';
import { safeStorageKeySource, type SafeStorageLike } from '../../../electron/core/db/keys';
import { newKey, tmpDir } from '../../support/tmp';

/** A keychain stand-in: wraps with a secret the test process alone holds (as the OS keychain would). */
function keychain(): SafeStorageLike {
  const k = 0x3c;
  return {
    isEncryptionAvailable: () => true,
    encryptString: (s) => Buffer.from([...Buffer.from(s)].map((b) => b ^ k)),
    decryptString: (b) => Buffer.from([...b].map((x) => x ^ k)).toString(),
    getSelectedStorageBackend: () => 'gnome_libsecret',
  };
}

describe('the app keeps the audit head key in the OS keychain', () => {
  it('wraps its own seed in an envelope beside the store; a process without it cannot sign, and verify says so until the app signs again', () => {
    const dir = tmpDir();
    const { keys } = newKey(dir);
    const dbPath = path.join(dir, 'store.ntk');
    const app = (): Backend => createBackend({ app: APP_INFO, workstation: 'ws', store: { path: dbPath, keys, create: true }, auditHeadKeys: safeStorageKeySource(keychain(), 'linux'), purgeOnStart: false });
    const verify = (b: Backend) => verifyAudit(b.store.db, b.store.auditKey, b.store.path, { headKey: b.audit.headPublicKey });

    let b = app();
    b.audit.append({ action: 'E', eventType: 'login', outcome: 'success' });
    expect(verify(b)).toMatchObject({ ok: true, records: 1, checkpointSeq: 1 });
    const envelope = JSON.parse(fs.readFileSync(`${dbPath}.audit.key.json`, 'utf8')) as { kind: string; wrapped: string };
    expect(envelope.kind).toBe('safeStorage');
    expect(fs.existsSync(`${dbPath}.audit.key`)).toBe(false); // no seed in the clear
    const seed = Buffer.from(keychain().decryptString(Buffer.from(envelope.wrapped, 'base64')), 'hex');
    expect(headKeyFromSeed(seed).publicHex).toBe(b.audit.headPublicKey);
    expect(seed.equals(b.store.auditKey)).toBe(false);
    b.close();

    // The command line on the app's store: it holds the store key, not the keychain.
    const cli = createBackend({ app: APP_INFO, workstation: 'cli', store: { path: dbPath, keys }, purgeOnStart: false });
    expect(cli.audit.headPublicKey).toBeUndefined();
    cli.audit.append({ action: 'E', eventType: 'audit.export', outcome: 'success' });
    expect(verify(cli)).toMatchObject({ ok: false, broken: { kind: 'unverifiable', seq: 2 } });
    expect(fs.existsSync(`${dbPath}.audit.key`)).toBe(false); // it did not make a key of its own
    cli.close();

    b = app(); // the app signs the head again at its next commit
    b.audit.append({ action: 'E', eventType: 'login', outcome: 'success' });
    expect(verify(b)).toMatchObject({ ok: true, records: 3, checkpointSeq: 3 });
    b.close();
  });
});
