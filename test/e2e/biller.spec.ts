import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { CANARY, seedClaim } from '../support/billing';
import { parsePdf } from '../support/pdf-text';
import { recordDisclosure } from '../../electron/core/packets/disclosures';
import { ADMIN, expect, firstRunAsAdmin, screenshotPath, test } from './harness';

const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);

test('a biller works a denial: worklist, packet with one excerpt, identifier check, re-authentication, export', async ({ app, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  app.secrets.push(CANARY.family, CANARY.given, CANARY.mrn, CANARY.phone, CANARY.withheld, CANARY.address);
  await firstRunAsAdmin(page, app);
  const db = app.backend.store.db;
  const claim = seedClaim(db, { index: 0, remitDate: day(12), carcs: [['CO', '50', 1500]], rarcs: ['N115'] });
  seedClaim(db, { index: 1, remitDate: day(75), carcs: [['CO', '197', 1500]], rarcs: ['N290'] });
  seedClaim(db, { index: 2, remitDate: day(140), carcs: [['CO', '16', 1500]], rarcs: ['M51'] });
  const seed = { transport: 'e2e', sessionKey: 'seed' };
  await app.backend.call('login', { username: ADMIN.username, password: ADMIN.password }, seed);
  const temp = 'temporary meadow lantern 42';
  const mine = 'billing desk quiet orchard 77';
  app.secrets.push(temp, mine);
  const added = await app.backend.call('addUser', { username: 'bea', displayName: 'Bea Biller', role: 'biller', password: temp }, seed);
  expect(added.ok).toBe(true);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('User name').fill('bea');
  await page.getByLabel('Password', { exact: true }).fill(temp);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Temporary password').fill(temp);
  await page.getByLabel('New password', { exact: true }).fill(mine);
  await page.getByLabel('Confirm new password').fill(mine);
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByTestId('who')).toContainText('Bea Biller · Biller');

  await page.getByRole('tab', { name: 'Denials' }).click();
  const table = page.getByRole('table', { name: 'Denial worklist' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table).toContainText('CO-50');
  await expect(table).toContainText("not deemed a 'medical necessity'");
  await expect(table).not.toContainText(CANARY.family);
  await page.screenshot({ path: screenshotPath('biller-worklist') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: screenshotPath('biller-worklist-1080') });
  await page.setViewportSize({ width: 1366, height: 768 });
  // Filter by age bucket, then clear it.
  await page.getByRole('checkbox', { name: '>120' }).check();
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByRole('checkbox', { name: '>120' }).uncheck();
  await expect(table.getByRole('row')).toHaveCount(4);

  await page.getByRole('button', { name: `Build packet for claim ${claim.claimNumber}` }).click();
  await expect(page.getByRole('heading', { name: /Dispute packet/ })).toBeVisible();
  await expect(page.getByText(/section(s)? withheld by your view/)).toBeVisible();
  await expect(page.locator('body')).not.toContainText(CANARY.withheld);
  const course = page.locator('.source-section', { has: page.getByText('HOSPITAL COURSE', { exact: true }) });
  await course.getByRole('button', { name: 'Add section' }).click();
  await page.getByLabel('Reason (one line, required)').fill('Documents the stent placement the payer calls unsupported');
  await page.screenshot({ path: screenshotPath('biller-builder') });

  await page.getByRole('button', { name: 'Run identifier check' }).click();
  const dialog = page.getByRole('dialog', { name: 'Identifier check before export' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('table', { name: 'Identifiers in the packet' })).toContainText(claim.memberId);
  await expect(dialog).toContainText('Documentation excerpts (1)');
  await page.screenshot({ path: screenshotPath('biller-check') });

  await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Export PDF' }).click();
  const reauth = page.getByRole('dialog', { name: 'Confirm it is you' });
  await reauth.getByLabel('Password', { exact: true }).fill(mine);
  await reauth.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('export-done')).toContainText('SHA-256');
  // The main process wrote the file where the save dialog pointed; the page never held the bytes.
  expect(app.exports).toHaveLength(1);
  expect(app.replies.join('\n')).not.toMatch(/%PDF-|JVBERi0/); // no PDF, raw or base64, crossed IPC
  const bytes = fs.readFileSync(app.exports[0]!);
  const hash = createHash('sha256').update(bytes).digest('hex');
  await expect(page.getByTestId('export-done')).toContainText(hash);
  await expect(page.getByRole('table', { name: 'Packet history' })).toContainText(hash);
  const text = (await parsePdf(bytes)).pages.flat().join('\n');
  expect(text).toContain('drug-eluting stent');
  expect(text).toContain('Documents the stent placement the payer calls unsupported');
  for (const bad of [CANARY.family, CANARY.mrn, CANARY.withheld, CANARY.phone]) expect(text).not.toContain(bad);
  await page.screenshot({ path: screenshotPath('biller-exported') });

  await page.getByRole('button', { name: 'Back to worklist' }).click();
  await expect(page.getByRole('combobox', { name: `Status of claim ${claim.claimNumber}` })).toHaveValue('sent');

  // Locking clears the worklist from the page; the same window's old handles are gone with the purpose.
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: 'Session locked' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(claim.claimNumber);
  await page.getByLabel('Password', { exact: true }).fill(mine);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('tab', { name: 'Denials' }).click();
  await expect(page.getByRole('table', { name: 'Denial worklist' })).toContainText(claim.claimNumber);
});

test('a privacy officer reads and exports a patient accounting of disclosures', async ({ app, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  app.secrets.push(CANARY.family, CANARY.given, CANARY.withheld);
  await firstRunAsAdmin(page, app);
  const db = app.backend.store.db;
  const claim = seedClaim(db, { index: 0, remitDate: day(20) });
  recordDisclosure(db, { patientId: claim.patientId, disclosedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(), recipient: 'County health department', purpose: 'required_by_law', description: 'Discharge summary (reportable condition).' });
  recordDisclosure(db, {
    patientId: claim.patientId,
    disclosedAt: new Date().toISOString(),
    recipient: 'Blue Harbor Insurance Appeals',
    purpose: 'denial_dispute',
    description: 'Dispute packet: claim number, dates of service, procedure codes.',
    excerptIds: ['EX-1'],
    fileSha256: 'ab'.repeat(32),
  });
  const seed = { transport: 'e2e', sessionKey: 'seed' };
  await app.backend.call('login', { username: ADMIN.username, password: ADMIN.password }, seed);

  await page.getByRole('tab', { name: 'Disclosures' }).click();
  await page.getByLabel('Patient MRN (or #id)').fill(CANARY.mrn);
  await page.getByRole('button', { name: 'Show' }).click();
  const table = page.getByRole('table', { name: 'Disclosures' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table).toContainText('Disclosure required by law');
  await expect(table).toContainText('exception');
  await expect(table).toContainText('EX-1');
  const form = page.getByRole('form', { name: 'Record a disclosure' });
  await form.getByLabel('Recipient').fill('Patient (own request)');
  await form.getByLabel('Purpose').selectOption('patient_request');
  await form.getByLabel('Information disclosed (element names, no values)').fill('Discharge summary copy');
  await form.getByRole('button', { name: 'Record' }).click();
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table).toContainText('Disclosure to the patient');
  await page.screenshot({ path: screenshotPath('disclosures') });

  await page.getByRole('button', { name: 'Export CSV' }).click();
  const confirm = page.getByRole('dialog', { name: 'Confirm it is you' });
  await confirm.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('status')).toContainText('Exported 3 disclosure(s) as CSV');
  const csv = fs.readFileSync(app.exports.at(-1)!, 'utf8');
  expect(csv.split('\n')[0]).toContain('disclosedAt,recipient,purpose');
  expect(csv).toContain('County health department');
  await expect(page.getByRole('status')).toContainText('Exported 3 disclosure(s) as CSV');
});
