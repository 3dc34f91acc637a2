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
import { test as base, type Page } from '@playwright/test';
import { resolveAppAsset, securityHeaders } from '../../electron/adapters/app-protocol';
import { APP_INFO } from '../../electron/core/app-info';
import { createBackend, type Backend } from '../../electron/core/backend';
import { createKeyFile, keyFileKeySource } from '../../electron/core/db/keys';
import { callTable } from '../../shared/calls';

const RENDERER_DIR = path.resolve('dist/renderer');

export interface AppHarness {
  backend: Backend;
  url: string;
  /** Loads the app in the page with window.ntk wired to the backend. */
  open(page: Page): Promise<void>;
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

export async function wireApi(page: Page, backend: Backend): Promise<void> {
  await page.exposeFunction('__ntkInvoke', (channel: string, arg: unknown) => backend.dispatch(channel, arg, { transport: 'e2e' }));
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
    const backend = createBackend({
      app: APP_INFO,
      store: { path: path.join(dir, 'store.ntk'), keys: keyFileKeySource(keyFile), create: true },
    });
    const server = await serveRenderer();
    const { port } = server.address() as { port: number };
    const url = `http://127.0.0.1:${port}/`;
    await use({
      backend,
      url,
      async open(page) {
        await wireApi(page, backend);
        await page.goto(url);
      },
    });
    server.close();
    backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

/** Screenshots go to a stable place so people (and closing notes) can find them. */
export const screenshotPath = (name: string): string => path.resolve('test-results/screenshots', `${name}.png`);
