import fs from 'node:fs';
import { seedRaw } from './retention-seed';
import { ADMIN, expect, firstRunAsAdmin, screenshotPath, test } from './harness';

for (const [w, h] of [
  [1366, 768],
  [1920, 1080],
] as const) {
  test(`inventory lists what this device holds and exports it after re-authentication at ${w}x${h}`, async ({ app, page }) => {
    const db = app.backend.store.db;
    const seeded = ['A1', 'B2', 'C3', 'D4', 'E5', 'F6'].map((tag, i) => seedRaw(db, tag, 1 + (i % 3), i % 2 === 0 ? ['ETH', 'PSY'] : []));
    app.secrets.push(...seeded.flatMap((p) => [...p.canaries, p.mrn]));
    await page.setViewportSize({ width: w, height: h });
    await firstRunAsAdmin(page, app);
    await page.getByRole('tab', { name: 'Inventory' }).click();
    await expect(page.getByTestId('inv-patients')).toHaveText('6');
    await expect(page.getByTestId('inv-documents')).toHaveText(String(seeded.reduce((a, _p, i) => a + 1 + (i % 3), 0)));
    await expect(page.getByTestId('inv-dates')).toHaveText('2026-01-02 → 2026-01-04');
    // An administrator's inventory: counts by label, no list of MRNs with their labels (that is the privacy officer's).
    await expect(page.getByTestId('inv-counts-only')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Patients held' })).toHaveCount(0);
    for (const p of seeded) await expect(page.locator('body')).not.toContainText(p.mrn);
    await expect(page.getByLabel('Sensitivity labels present')).toContainText('ETH');
    await page.getByRole('button', { name: 'Preview purge' }).click();
    await expect(page.getByTestId('purge-preview')).toContainText('Would purge 0 patient(s)');
    await page.screenshot({ path: screenshotPath(`inventory-${w}x${h}`), fullPage: true });

    await page.getByRole('button', { name: 'Export PDF…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Password', { exact: true }).fill('not my password at all');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog.getByRole('alert')).toBeVisible();
    expect(app.exports).toEqual([]);
    if (w === 1366) await page.screenshot({ path: screenshotPath('inventory-reauth'), fullPage: true });
    await dialog.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved the inventory of 6 patient(s) as PDF.' })).toBeVisible();
    expect(app.exports).toHaveLength(1);
    expect(fs.readFileSync(app.exports[0]!).subarray(0, 5).toString()).toBe('%PDF-');
  });
}

test('an administrator previews and runs the purge; the inventory then shows purged stubs only', async ({ app, page }) => {
  const db = app.backend.store.db;
  const seeded = ['P1', 'P2', 'P3'].map((tag) => seedRaw(db, tag, 2, ['PSY']));
  app.secrets.push(...seeded.flatMap((p) => [...p.canaries, p.mrn]));
  await page.setViewportSize({ width: 1366, height: 768 });
  await firstRunAsAdmin(page, app);
  app.advance(31 * 86_400_000); // a month unused (the session locks too)
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await expect(page.getByTestId('inv-patients')).toHaveText('3');
  await expect(page.getByRole('button', { name: 'Purge now' })).toBeDisabled();
  await page.getByRole('button', { name: 'Preview purge' }).click();
  await expect(page.getByTestId('purge-preview')).toContainText('Would purge 3 patient(s), 6 document(s)');
  await expect(page.getByTestId('purge-preview')).not.toContainText('MRN');
  await page.getByRole('button', { name: 'Purge now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Purged 3 patient(s), 6 document(s).' })).toBeVisible();
  await expect(page.getByTestId('inv-patients')).toHaveText('0');
  await expect(page.getByTestId('inv-purged')).toHaveText('3');
  await page.screenshot({ path: screenshotPath('inventory-after-purge'), fullPage: true });
  const left = db.prepare("SELECT count(*) AS n FROM document WHERE text LIKE '%QZNOTE%'").get() as { n: number };
  expect(left.n).toBe(0);
});
