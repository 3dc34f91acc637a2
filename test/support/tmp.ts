import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createKeyFile, keyFileKeySource, type KeySource } from '../../electron/core/db/keys';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export function tmpDir(prefix = 'ntk-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A new random key file in dir, and the key source that reads it. */
export function newKey(dir: string, name = 'store.key'): { file: string; keys: KeySource } {
  const file = path.join(dir, name);
  createKeyFile(file);
  return { file, keys: keyFileKeySource(file) };
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
