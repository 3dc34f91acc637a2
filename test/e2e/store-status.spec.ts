import { CALL_NAMES } from '../../shared/calls';
import { expect, firstRunAsAdmin, screenshotPath, test } from './harness';

function seed(db: import('better-sqlite3-multiple-ciphers').Database, patients: number, encountersEach: number, docsEach: number) {
  const p = db.prepare("INSERT INTO patient(source_system, source_id, mrn) VALUES ('seed', ?, ?)");
  const e = db.prepare("INSERT INTO encounter(patient_id, source_system, source_id) VALUES (?, 'seed', ?)");
  const d = db.prepare("INSERT INTO document(patient_id, encounter_id, source_system, source_id) VALUES (?, ?, 'seed', ?)");
  db.transaction(() => {
    for (let i = 0; i < patients; i++) {
      const pid = p.run(`p${i}`, `MRN${i}`).lastInsertRowid;
      for (let j = 0; j < encountersEach; j++) {
        const eid = e.run(pid, `p${i}e${j}`).lastInsertRowid;
        for (let k = 0; k < docsEach; k++) d.run(pid, eid, `p${i}e${j}d${k}`);
      }
    }
  })();
}

for (const [w, h] of [
  [1366, 768],
  [1920, 1080],
] as const) {
  test(`shows the encrypted store's status at ${w}x${h}`, async ({ app, page }) => {
    seed(app.backend.store.db, 3, 2, 4);
    app.secrets.push('MRN0', 'MRN1', 'MRN2');
    await page.setViewportSize({ width: w, height: h });
    await firstRunAsAdmin(page, app);
    await expect(page.getByTestId('store-state')).toHaveText('Opened');
    const latest = app.backend.store.latestSchemaVersion;
    await expect(page.getByTestId('schema-version')).toHaveText(`${latest} (latest ${latest})`);
    await expect(page.getByTestId('count-patients')).toHaveText('3');
    await expect(page.getByTestId('count-encounters')).toHaveText('6');
    await expect(page.getByTestId('count-documents')).toHaveText('24');
    await expect(page.getByText('SQLCipher 4 · key from keyFile')).toBeVisible();
    await page.screenshot({ path: screenshotPath(`store-status-${w}x${h}`), fullPage: true });
  });
}

test('shows how much stored analysis is behind the engine, and that it is up to date once re-analysed', async ({ app, page }) => {
  const db = app.backend.store.db;
  const pid = db.prepare("INSERT INTO patient(source_system, source_id) VALUES ('seed', 'pa')").run().lastInsertRowid;
  const d = db.prepare("INSERT INTO document(patient_id, source_system, source_id, text, format, analyzer_version) VALUES (?, 'seed', ?, 'HPI: cough for two days.', 'text', 'older-engine')");
  for (const k of ['d1', 'd2', 'd3']) d.run(pid, k);
  await firstRunAsAdmin(page, app);
  await expect(page.getByTestId('analysis-state')).toContainText('3 of 3 documents to re-analyse');
  await page.screenshot({ path: screenshotPath('store-status-analysis-behind'), fullPage: true });
  await app.backend.reanalyzer.run();
  await page.keyboard.press('F5');
  await expect(page.getByTestId('analysis-state')).toContainText('Up to date');
});

test('refreshes from the keyboard and shows backend errors as an alert', async ({ app, page }) => {
  await firstRunAsAdmin(page, app);
  await expect(page.getByTestId('count-patients')).toHaveText('0');
  seed(app.backend.store.db, 1, 1, 1);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('count-patients')).toHaveText('1');

  app.backend.store.close();
  await page.getByRole('button', { name: 'Refresh' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('The store is closed.');
  await page.screenshot({ path: screenshotPath('store-status-error'), fullPage: true });
});

test('the page gets exactly the contract, under the strict CSP, and the guard rejects hostile arguments', async ({ app, page }) => {
  await firstRunAsAdmin(page, app);
  await expect(page.getByTestId('store-state')).toHaveText('Opened');
  const probe = await page.evaluate(async () => {
    const w = window as unknown as { ntk: { storeStatus(a: unknown): Promise<unknown> } };
    // An injected inline script must not run: the CSP allows only our own files.
    const violation = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }),
    );
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    const violated = await violation;
    return {
      keys: Object.keys(w.ntk).sort(),
      frozen: Object.isFrozen(w.ntk),
      hostile: await w.ntk.storeStatus({ role: 'admin', userId: 1 }),
      inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false,
      violated,
    };
  });
  expect(probe.keys).toEqual([...CALL_NAMES].sort());
  expect(probe.frozen).toBe(true);
  expect(probe.hostile).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  expect(probe.inlineRan).toBe(false);
  expect(probe.violated).toMatch(/^script-src/);
});
