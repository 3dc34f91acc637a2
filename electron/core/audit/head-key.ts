/**
 * Where the audit head key lives when no OS keychain holds it (`ntk`, tests): a random 32-byte
 * seed in its own file, `<db>.audit.key` (mode 0600), or the file NTK_AUDIT_KEY_FILE names
 * (which can live apart from the store and its key, e.g. on the privacy office's medium).
 * A seed kept beside the store protects against someone who has only the store key (a copied
 * key file or passphrase), not against someone who can read this folder; SECURITY.md says so.
 * The app keeps the seed wrapped by the OS keychain instead (adapters/keychain.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { NtkError } from '../errors';
import { KEY_BYTES, keyFileKeySource, type KeySource } from '../db/keys';

export const localHeadKeySource = (): KeySource => ({
  kind: 'keyFile',
  masterKey(path, mode) {
    const file = `${path}.key`;
    if (mode === 'create' && !fs.existsSync(file)) {
      try {
        fs.writeFileSync(file, randomBytes(KEY_BYTES).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new NtkError('KEY_UNAVAILABLE', 'Cannot write the audit head key.', { cause: e });
      }
    }
    return keyFileKeySource(file).masterKey(file, 'open');
  },
});

/**
 * Headless (and the default when the app passes none): NTK_AUDIT_KEY_FILE if set (a key file made
 * by `ntk keygen`), else the seed beside the store. The packaged app passes its keychain source.
 */
export const headlessHeadKeySource = (env: NodeJS.ProcessEnv): KeySource =>
  env.NTK_AUDIT_KEY_FILE ? keyFileKeySource(env.NTK_AUDIT_KEY_FILE) : localHeadKeySource();
