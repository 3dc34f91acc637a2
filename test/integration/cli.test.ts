import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli';
import { EXIT_CODES } from '../../electron/cli/exit-codes';
import { APP_INFO } from '../../electron/core/app-info';
import { createBackend } from '../../electron/core/backend';
import { latestVersion } from '../../electron/core/db/migration';
import { MIGRATIONS } from '../../electron/core/db/migrations';

const LATEST = latestVersion(MIGRATIONS);
import { newKey, sha256, tmpDir } from '../support/tmp';

async function ntk(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, env, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('ntk init / info', () => {
  it('creates a store and reports its status as JSON', async () => {
    const dir = tmpDir();
    const { file } = newKey(dir);
    const db = path.join(dir, 'cli.ntk');
    const init = await ntk(['init', '--db', db, '--key-file', file, '--json']);
    expect(init.code).toBe(0);
    const created = JSON.parse(init.stdout);
    expect(created).toMatchObject({ ok: true, value: { opened: true, schemaVersion: LATEST, keySource: 'keyFile', counts: { patients: 0 } } });

    const info = await ntk(['info', '--db', db, '--key-file', file, '--json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout).value.storeId).toBe(created.value.storeId);

    const human = await ntk(['info', '--db', db, '--key-file', file]);
    expect(human.stdout).toMatch(new RegExp(`schema\\s+${LATEST} \\(latest ${LATEST}\\)`));
  });

  it('reads a store whose audit tail was never checkpointed (e.g. after a crash) without writing to it', async () => {
    const dir = tmpDir();
    const { file, keys } = newKey(dir);
    const db = path.join(dir, 'tail.ntk');
    expect((await ntk(['init', '--db', db, '--key-file', file])).code).toBe(0);
    const backend = createBackend({ app: APP_INFO, store: { path: db, keys } });
    backend.audit.append({ action: 'E', eventType: 'login', outcome: 'success' });
    backend.store.close(); // no checkpoint, as after a crash
    const before = sha256(db);
    const info = await ntk(['info', '--db', db, '--key-file', file, '--json']);
    expect(info.code).toBe(0);
    expect(sha256(db)).toBe(before);
  });

  it('uses NTK_DB_PASSPHRASE when no key file is given', async () => {
    const dir = tmpDir();
    const db = path.join(dir, 'pp.ntk');
    const env = { NTK_DB_PASSPHRASE: 'correct horse battery staple' };
    expect((await ntk(['init', '--db', db, '--json'], env)).code).toBe(0);
    const wrong = await ntk(['info', '--db', db, '--json'], { NTK_DB_PASSPHRASE: 'not the right passphrase' });
    expect(wrong.code).toBe(EXIT_CODES.WRONG_KEY_OR_NOT_STORE);
    expect(JSON.parse(wrong.stdout).error.code).toBe('WRONG_KEY_OR_NOT_STORE');
  });

  it('gives clear errors and exit codes for bad input, leaving files untouched', async () => {
    const dir = tmpDir();
    const { file } = newKey(dir);
    const notStore = path.join(dir, 'notes.txt');
    fs.writeFileSync(notStore, 'not a database');
    const before = sha256(notStore);
    const r = await ntk(['init', '--db', notStore, '--key-file', file]);
    expect(r.code).toBe(EXIT_CODES.WRONG_KEY_OR_NOT_STORE);
    expect(r.stderr).toContain('Wrong key or not a Need-to-Know database');
    expect(sha256(notStore)).toBe(before);

    expect((await ntk(['info', '--db', path.join(dir, 'absent.ntk'), '--key-file', file])).code).toBe(EXIT_CODES.STORE_NOT_FOUND);
    expect((await ntk(['info', '--db', path.join(dir, 'a.ntk')])).code).toBe(EXIT_CODES.KEY_UNAVAILABLE);
    expect((await ntk(['info'])).code).toBe(EXIT_CODES.USAGE);
    expect((await ntk(['frobnicate'])).code).toBe(EXIT_CODES.USAGE);
    expect((await ntk(['info', '--bogus'])).code).toBe(EXIT_CODES.USAGE);
    const json = await ntk(['info', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('runs as `npm run --silent ntk -- …` the way an administrator would', async () => {
    const dir = tmpDir();
    const { file } = newKey(dir);
    const db = path.join(dir, 'npm.ntk');
    const run = promisify(execFile);
    const { stdout } = await run('npm', ['run', '--silent', 'ntk', '--', 'init', '--db', db, '--key-file', file, '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, value: { schemaVersion: LATEST } });
    const failed = await run('npm', ['run', '--silent', 'ntk', '--', 'info', '--db', path.join(dir, 'nope.ntk'), '--key-file', file, '--json']).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed).toMatchObject({ code: EXIT_CODES.STORE_NOT_FOUND });
    expect(JSON.parse((failed as { stdout: string }).stdout).error.code).toBe('STORE_NOT_FOUND');
  });
});
