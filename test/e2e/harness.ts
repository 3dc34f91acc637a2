/**
 * The e2e harness: the built renderer served over HTTP under the production CSP
 * and through the same asset guard as the app:// protocol, with `window.ntk`
 * built from the contract's call table and backed by the real backend (a real
 * encrypted store) running in this test process — the same dispatcher the
 * Electron IPC guard calls.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect as baseExpect, type Page } from '@playwright/test';
import { resolveAppAsset, securityHeaders } from '../../electron/adapters/app-protocol';
import { APP_INFO } from '../../electron/core/app-info';
import { createBackend, type Backend } from '../../electron/core/backend';
import type { Clock } from '../../electron/core/clock';
import { createKeyFile, keyFileKeySource } from '../../electron/core/db/keys';
import { writeDemo, type DemoResult } from '../../electron/core/ingest/synthetic';
import { callTable } from '../../shared/calls';
import { saveDialogStandIn } from '../support/save-dialog';

const RENDERER_DIR = path.resolve('dist/renderer');

export interface AppHarness {
  backend: Backend;
  url: string;
  /** Moves the backend's clocks forward (idle timers, throttles) without waiting. */
  advance(ms: number): void;
  /** Loads the app in the page with window.ntk wired to the backend, as its own window (session). */
  open(page: Page): Promise<void>;
  /** Strings that must never appear in any log line (seeded PHI, passwords typed in tests). */
  secrets: string[];
  /** What the main-process import file picker returns next (the renderer never names files). */
  setImportFiles(paths: string[]): void;
  /** Every backend reply sent to a page during the test, serialized (to check what crossed IPC). */
  replies: string[];
  /** Files the backend wrote where its save dialog would have asked (exports), in order. */
  exports: string[];
}

/** System time plus an offset the test can move forward. */
function offsetClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    monotonicMs: () => performance.now() + offset,
    advance: (ms) => (offset += ms),
  };
}

function serveRenderer(): Promise<http.Server> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` first (npm run test:e2e does).');
  }
  const server = http.createServer((req, res) => {
    const r = resolveAppAsset(RENDERER_DIR, `app://ntk${req.url ?? '/'}`);
    if (r.status !== 200) {
      res.writeHead(r.status).end();
      return;
    }
    res.writeHead(200, securityHeaders(r.mime));
    fs.createReadStream(r.file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let windows = 0;

export async function wireApi(page: Page, backend: Backend, replies?: string[]): Promise<void> {
  // Like the IPC adapter, the session key comes from the transport (one per page), never from the page.
  const ctx = { transport: 'e2e', sessionKey: `e2e:${++windows}` };
  await page.exposeFunction('__ntkInvoke', async (channel: string, arg: unknown) => {
    const reply = await backend.dispatch(channel, arg, ctx);
    replies?.push(JSON.stringify(reply));
    return reply;
  });
  await page.addInitScript((table: Array<[string, string]>) => {
    const w = window as unknown as { __ntkInvoke(channel: string, arg: unknown): Promise<unknown> };
    const api: Record<string, (arg: unknown) => Promise<unknown>> = {};
    for (const [name, channel] of table) api[name] = (arg: unknown) => w.__ntkInvoke(channel, arg ?? {});
    Object.defineProperty(window, 'ntk', { value: Object.freeze(api), writable: false, configurable: false });
  }, callTable());
}

export const test = base.extend<{ app: AppHarness }>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-e2e-'));
    const keyFile = path.join(dir, 'store.key');
    createKeyFile(keyFile);
    const logLines: string[] = [];
    const clock = offsetClock();
    let importFiles: string[] = [];
    const saves = saveDialogStandIn(dir);
    const backend = createBackend({
      pickImportFiles: async () => importFiles,
      app: APP_INFO,
      clock,
      store: { path: path.join(dir, 'store.ntk'), keys: keyFileKeySource(keyFile), create: true },
      log: (entry) => logLines.push(`[ntk] call failed ${JSON.stringify(entry)}`),
      pickSavePath: saves.pickSavePath,
    });
    const replies: string[] = [];
    const secrets: string[] = [];
    const server = await serveRenderer();
    const { port } = server.address() as { port: number };
    const url = `http://127.0.0.1:${port}/`;
    await use({
      backend,
      url,
      secrets,
      setImportFiles: (p) => {
        importFiles = p;
      },
      replies,
      exports: saves.exports,
      advance: (ms) => clock.advance(ms),
      async open(page) {
        page.on('console', (m) => logLines.push(`[page:${m.type()}] ${m.text()}`));
        page.on('pageerror', (e) => logLines.push(`[pageerror] ${e.message}`));
        await wireApi(page, backend, replies);
        await page.goto(url);
      },
    });
    // No PHI or secret in any log line written during the test: the app's failure log and the page console.
    const leaks = secrets.filter((secret) => logLines.some((line) => line.includes(secret)));
    fs.mkdirSync(path.resolve('test-results'), { recursive: true });
    fs.appendFileSync(path.resolve('test-results/e2e-logs.txt'), logLines.map((l) => l + '\n').join(''));
    baseExpect(leaks, 'secrets found in log lines').toEqual([]);
    server.close();
    backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

/** Screenshots go to a stable place so people (and closing notes) can find them. */
export const screenshotPath = (name: string): string => path.resolve('test-results/screenshots', `${name}.png`);

export const ADMIN = { username: 'ada', displayName: 'Ada Admin', password: 'violet kettle harbour 1987' };

/** Goes through the first-run screen as a person would and lands signed in as the administrator. */
export async function firstRunAsAdmin(page: Page, app: AppHarness): Promise<void> {
  await app.open(page);
  await fillFirstRun(page, app);
}

export async function fillFirstRun(page: Page, app: AppHarness): Promise<void> {
  app.secrets.push(ADMIN.password);
  await page.getByLabel('User name').fill(ADMIN.username);
  await page.getByLabel('Full name').fill(ADMIN.displayName);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Confirm password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await baseExpect(page.getByTestId('who')).toContainText('Ada Admin');
}

/**
 * Writes demo charts into the test's store and registers every planted name, MRN, phone, member id
 * and note canary phrase as a secret, so the teardown fails if any of them reaches a log line.
 */
export function seedDemo(app: AppHarness, patients: number, seed = 7): DemoResult {
  const r = writeDemo(app.backend.store.db, { patients, seed });
  app.secrets.push(...r.secrets, ...r.patients.flatMap((p) => [p.mrn, p.familyName]), ...r.canaries.map((c) => c.phrase));
  return r;
}
