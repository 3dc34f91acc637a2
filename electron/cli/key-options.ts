import { NtkError } from '../core/errors';
import { keyFileKeySource, passphraseKeySource, type KeySource } from '../core/db/keys';

/** Headless key: `--key-file PATH`, else scrypt from NTK_DB_PASSPHRASE. */
export function headlessKeySource(keyFile: string | undefined, env: NodeJS.ProcessEnv): KeySource {
  if (keyFile) return keyFileKeySource(keyFile);
  const pass = env.NTK_DB_PASSPHRASE;
  if (pass) return passphraseKeySource(pass);
  throw new NtkError('KEY_UNAVAILABLE', 'No key: pass --key-file PATH or set NTK_DB_PASSPHRASE.');
}
