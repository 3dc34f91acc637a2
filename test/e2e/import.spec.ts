import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChartWriter } from '../../electron/core/db/chart-writer';
import { ccdaDocument, fhirBundle, TEXT_NOTE } from '../support/ingest-fixtures';
import { makePdf } from '../support/ocr-images';
import { write835 } from '../support/x12-835';
import { expect, firstRunAsAdmin, screenshotPath, test } from './harness';

test('imports FHIR, C-CDA and text files chosen in the main process, with progress and per-file results', async ({ app, page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-e2e-import-'));
  const files = ['bundle.json', 'summary.xml', 'broken.json', 'visit-note.txt'].map((f) => path.join(dir, f));
  fs.writeFileSync(files[0]!, JSON.stringify(fhirBundle()));
  fs.writeFileSync(files[1]!, ccdaDocument());
  fs.writeFileSync(files[2]!, '{"resourceType":"Bundle",');
  fs.writeFileSync(files[3]!, TEXT_NOTE);
  app.setImportFiles(files);
  app.secrets.push('Quillfeather', 'Thistlewood');
  await page.setViewportSize({ width: 1366, height: 768 });
  await firstRunAsAdmin(page, app);
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByRole('button', { name: 'Choose files…' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('Imported 3 of 4 files');
  await expect(page.getByTestId('import-files')).toContainText('4/4 files');
  const rows = page.getByTestId('import-results').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(2)).toContainText('Rejected: The file is not valid JSON');
  await expect(rows.nth(1)).toContainText('ccda');
  await page.screenshot({ path: screenshotPath('import-1366x768'), fullPage: true });

  // The same files again, as a folder: they update in place (no second patient), the broken one is still refused.
  const patients = () => (app.backend.store.db.prepare('SELECT count(*) AS n FROM patient').get() as { n: number }).n;
  const before = patients();
  const fileEvents = () => (app.backend.store.db.prepare("SELECT count(*) AS n FROM audit_event WHERE event_type = 'ingest.file'").get() as { n: number }).n;
  const eventsBefore = fileEvents();
  app.setImportFiles([dir]);
  await page.getByRole('button', { name: 'Choose folder…' }).click();
  await expect.poll(fileEvents).toBe(eventsBefore + 4); // every file in the folder went through the pipeline again
  await expect(page.getByTestId('import-summary')).toContainText('Imported 3 of 4 files');
  expect(patients()).toBe(before);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('an 835 whose envelope counts do not match imports with its warning shown on the file', async ({ app, page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-e2e-import-835-'));
  const era = path.join(dir, 'era.835');
  fs.writeFileSync(era, write835([{
    transactionControl: '0001', payerName: 'ACME HEALTH PLAN', payerId: 'ACME01', payeeName: 'RIVERSIDE CLINIC', payeeNpi: '1234567893',
    checkNumber: 'EFT0042', paymentAmount: 0, paymentDate: '2026-11-20', productionDate: null, plb: [],
    claims: [{ claimNumber: 'CLM-1', statusCode: '4', billed: 80, paid: 0, patientResp: 0, payerClaimControl: 'PCN1', patientFamily: 'Quillfeather', patientGiven: 'Ada',
      memberId: null, renderingNpi: null, serviceStart: null, serviceEnd: null, receivedAt: null, moaRemarks: [], adjustments: [{ groupCode: 'CO', carc: '50', amount: 80 }], lines: [] }],
  }], { damage: { seCount: 99, ieaControl: '000000001' } }));
  app.setImportFiles([era]);
  app.secrets.push('Quillfeather');
  await page.setViewportSize({ width: 1366, height: 768 });
  await firstRunAsAdmin(page, app);
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByRole('button', { name: 'Choose files…' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('Imported 1 of 1 files');
  const warnings = page.getByTestId('import-warnings');
  await expect(warnings).toContainText("envelope count mismatch: verify against the payer's EOB");
  await expect(warnings).toContainText('ISA13');
  await page.screenshot({ path: screenshotPath('import-835-warnings'), fullPage: false });
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a long import can be cancelled between files; what was imported stays', async ({ app, page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-e2e-import-many-'));
  for (let i = 0; i < 1500; i++) fs.writeFileSync(path.join(dir, `note-${String(i).padStart(4, '0')}.txt`), `${TEXT_NOTE}\nVisit ${i}.`);
  app.setImportFiles([dir]);
  await page.setViewportSize({ width: 1366, height: 768 });
  await firstRunAsAdmin(page, app);
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByRole('button', { name: 'Choose folder…' }).click();
  const cancel = page.getByRole('button', { name: 'Cancel import' });
  await expect(cancel).toBeVisible();
  await page.screenshot({ path: screenshotPath('import-running'), fullPage: false });
  await cancel.click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText(/Cancelled after \d+ of 1500 files/);
  await expect(page.getByRole('button', { name: 'Cancel import' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Choose folder…' })).toBeEnabled();
  const listed = await page.getByTestId('import-results').locator('tbody tr').count();
  expect(listed).toBeLessThan(1500);
  expect((app.backend.store.db.prepare('SELECT count(*) AS n FROM document').get() as { n: number }).n).toBe(listed);
  await page.screenshot({ path: screenshotPath('import-cancelled'), fullPage: false });
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a scan that came without a sidecar is filed under a patient by MRN from the import results', async ({ app, page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-e2e-import-scan-'));
  fs.writeFileSync(path.join(dir, 'outside-records.pdf'), await makePdf([['Outside records: typed letter about the visit']]));
  app.setImportFiles([dir]);
  const patient = new ChartWriter(app.backend.store.db).patient({ sourceSystem: 'ehr', sourceId: 'P-88', mrn: 'MRN-88' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await firstRunAsAdmin(page, app);
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByRole('button', { name: 'Choose folder…' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('Imported 1 of 1 files');
  await page.screenshot({ path: screenshotPath('import-scan-unfiled'), fullPage: false });
  await page.getByRole('button', { name: 'File under patient…' }).click();
  const dialog = page.getByRole('dialog', { name: /File outside-records\.pdf under a patient/ });
  await dialog.getByLabel('Patient MRN').fill('MRN-404');
  await dialog.getByRole('button', { name: 'File scan' }).click();
  await expect(dialog.getByRole('alert')).toContainText('No patient with that MRN');
  await dialog.getByLabel('Patient MRN').fill('MRN-88');
  await page.screenshot({ path: screenshotPath('import-file-scan'), fullPage: false });
  await dialog.getByRole('button', { name: 'File scan' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('import-results')).toContainText('filed under a patient');
  await expect(page.getByRole('button', { name: 'File under patient…' })).toHaveCount(0);
  expect(app.backend.store.db.prepare('SELECT patient_id FROM document').all()).toEqual([{ patient_id: patient }]);
  await page.screenshot({ path: screenshotPath('import-scan-filed'), fullPage: false });
  fs.rmSync(dir, { recursive: true, force: true });
});
