import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKeyFile, keyFileKeySource } from '../../electron/core/db/keys';
import { Store } from '../../electron/core/db/store';
import { writeDemo } from '../../electron/core/ingest/synthetic';
import { expect, firstRunAsAdmin, screenshotPath, test } from './harness';

/** The names, MRNs, phones… the UI's 20-patient seed-1 demo plants (written once into a scratch store). */
function demoSecrets(): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-e2e-demo-'));
  try {
    const keyFile = path.join(dir, 'k');
    createKeyFile(keyFile);
    const store = Store.open({ path: path.join(dir, 's.ntk'), keys: keyFileKeySource(keyFile), create: true });
    try {
      return writeDemo(store.db, { patients: 20, seed: 1 }).secrets;
    } finally {
      store.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('an admin fills an empty store with demo data from the store screen', async ({ app, page }) => {
  app.secrets.push(...demoSecrets());
  await page.setViewportSize({ width: 1366, height: 768 });
  await firstRunAsAdmin(page, app);
  await expect(page.getByTestId('count-patients')).toHaveText('0');
  await page.screenshot({ path: screenshotPath('demo-data-offer-1366x768'), fullPage: true });
  const button = page.getByRole('button', { name: 'Load demo data' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('demo-loaded')).toContainText('20 synthetic patients');
  await expect(page.getByTestId('count-patients')).toHaveText('20');
  const docs = Number(await page.getByTestId('count-documents').textContent());
  expect(docs).toBeGreaterThan(100);
  await page.screenshot({ path: screenshotPath('demo-data-loaded-1366x768'), fullPage: true });

  // Refreshing keeps the counts; the offer does not come back once the store holds charts.
  await page.keyboard.press('F5');
  await expect(page.getByTestId('count-patients')).toHaveText('20');
  const events = app.backend.store.db.prepare("SELECT outcome FROM audit_event WHERE event_type = 'demo.generate'").all();
  expect(events).toEqual([{ outcome: 'success' }]);
});
