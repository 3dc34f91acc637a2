import fs from 'node:fs';
import path from 'node:path';
import { APP_INFO } from '../../electron/core/app-info';
import { createBackend, type Backend } from '../../electron/core/backend';
import { manualClock } from '../../electron/core/clock';
import type { KeySource } from '../../electron/core/db/keys';
import type { PickImportFiles } from '../../electron/core/ingest/handlers';
import type { CallName, CallRequest, CallResponse } from '../../shared/contract';
import { saveDialogStandIn } from './save-dialog';
import { newKey, tmpDir } from './tmp';

export const ADMIN_PASSWORD = 'violet kettle harbour 1987';
export const USER_PASSWORD = 'seventeen quiet lanterns';

export interface TestBackend {
  backend: Backend;
  clock: ReturnType<typeof manualClock>;
  dir: string;
  dbPath: string;
  keys: KeySource;
  /** Calls as the window `key`, unwrapping the reply (throws `{code,message}` on failure). */
  as(key: string): <K extends CallName>(name: K, req: CallRequest<K>) => Promise<CallResponse<K>>;
  /** Calls as the window `key`, returning the raw reply. */
  raw(key: string): <K extends CallName>(name: K, req: unknown) => ReturnType<Backend['call']>;
  reopen(): TestBackend;
  /** Files the backend saved where its save dialog would have asked (exports), in order. */
  exports: string[];
  /** The bytes of the last export. */
  lastExport(): Buffer;
  /** The next save dialog is cancelled. */
  cancelNextSave(): void;
}

export interface TestBackendOptions {
  /** What the main process's import picker returns (import calls are refused without it). */
  pickImportFiles?: PickImportFiles;
}

export function testBackend(existing?: { dir: string; dbPath: string; keys: KeySource; clock: ReturnType<typeof manualClock> }, opts: TestBackendOptions = {}): TestBackend {
  const dir = existing?.dir ?? tmpDir();
  const keys = existing?.keys ?? newKey(dir).keys;
  const dbPath = existing?.dbPath ?? path.join(dir, 'store.ntk');
  const clock = existing?.clock ?? manualClock();
  const saves = saveDialogStandIn(dir);
  const backend = createBackend({ app: APP_INFO, clock, workstation: 'test-ws', store: { path: dbPath, keys, create: true }, pickSavePath: saves.pickSavePath, pickImportFiles: opts.pickImportFiles });
  const raw = (key: string) => (name: CallName, req: unknown) => backend.call(name, req as never, { transport: 'test', sessionKey: key });
  const tb: TestBackend = {
    backend,
    clock,
    dir,
    dbPath,
    keys,
    raw: raw as TestBackend['raw'],
    as: (key) =>
      (async (name: CallName, req: unknown) => {
        const r = await raw(key)(name, req);
        if (!r.ok) throw r.error;
        return r.value;
      }) as ReturnType<TestBackend['as']>,
    exports: saves.exports,
    lastExport: () => fs.readFileSync(saves.exports.at(-1)!),
    cancelNextSave: saves.cancelNext,
    reopen() {
      backend.close();
      return testBackend({ dir, dbPath, keys, clock }, opts);
    },
  };
  return tb;
}

/** A backend with a first admin signed in as window 'admin' and one user of each given role. */
export async function withUsers(roles: Array<[string, import('../../shared/roles').Role]> = [], opts: TestBackendOptions = {}): Promise<TestBackend & { ids: Record<string, number> }> {
  const t = testBackend(undefined, opts);
  const admin = t.as('admin');
  await admin('setupFirstAdmin', { username: 'ada', displayName: 'Ada Admin', password: ADMIN_PASSWORD });
  const ids: Record<string, number> = {};
  for (const [username, role] of roles) {
    const u = await admin('addUser', { username, displayName: username, role, password: USER_PASSWORD });
    ids[username] = u.id;
  }
  return { ...t, ids };
}
