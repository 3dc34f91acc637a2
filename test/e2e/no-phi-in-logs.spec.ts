import { expect, firstRunAsAdmin, seedDemo, test } from './harness';

// The harness scans every log line of each test (the app's failure log and the page console) for
// app.secrets; here they are the demo generator's planted names, MRNs, phones and note phrases.
test('demo charts: browsing the inventory, audit and store screens, and failing calls, log no PHI', async ({ app, page }) => {
  const demo = seedDemo(app, 6);
  expect(app.secrets.length).toBeGreaterThan(20);
  await firstRunAsAdmin(page, app);
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await expect(page.getByTestId('inv-patients')).toHaveText(String(demo.patients.length));
  await page.getByRole('tab', { name: 'Audit' }).click();
  await expect(page.getByRole('table', { name: 'Audit events' })).toBeVisible();
  // Failing calls with PHI in their arguments go to the failure log by code only.
  await page.evaluate(async (mrn) => {
    const w = window as unknown as { ntk: Record<string, (a: unknown) => Promise<unknown>> };
    await w.ntk.auditEvents!({ username: mrn, bogus: mrn });
    await w.ntk.setRetentionPolicy!({ idleDays: mrn });
    console.log('page console line without PHI');
  }, demo.patients[0]!.mrn);
  await page.getByRole('tab', { name: 'Store' }).click();
  await expect(page.getByTestId('count-patients')).toHaveText(String(demo.patients.length));
});
