/**
 * Elevated access with two users on one store: a coder asks for the restricted part of an encounter,
 * a supervisor approves it from the inbox, the coder's next document view shows it; the supervisor
 * revokes and the next view masks it again. A break-glass run lands in the review queue.
 */
import type { Page } from '@playwright/test';
import { ChartWriter } from '../../electron/core/db/chart-writer';
import { expect, screenshotPath, test, type AppHarness } from './harness';

const NOTE = `HISTORY OF PRESENT ILLNESS: Patient seen for chest pain, troponin negative.
MENTAL STATUS: Depressed mood, major depressive disorder, followed by psychiatry.
ASSESSMENT AND PLAN: Chest pain, likely musculoskeletal. Discharge home.`;
const PW = { admin: 'violet kettle harbour 1987', temp: 'temporary harbor lantern 55', carol: 'orchard maple drift 8812', sam: 'granite willow comet 4417' };

async function seed(app: AppHarness): Promise<number> {
  app.secrets.push(...Object.values(PW), 'Testperson', 'MRN-E2E-77');
  const call = async (key: string, name: string, req: unknown) => {
    const r = await app.backend.call(name as never, req as never, { transport: 'e2e-seed', sessionKey: key });
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value;
  };
  await call('seed', 'setupFirstAdmin', { username: 'ada', displayName: 'Ada Admin', password: PW.admin });
  await call('seed', 'addUser', { username: 'carol', displayName: 'Carol Coder', role: 'coder', password: PW.temp });
  await call('seed', 'addUser', { username: 'sam', displayName: 'Sam Supervisor', role: 'supervisor', password: PW.temp });
  for (const u of ['carol', 'sam'] as const) {
    await call(`seed-${u}`, 'login', { username: u, password: PW.temp });
    await call(`seed-${u}`, 'changePassword', { current: PW.temp, next: PW[u] });
    await call(`seed-${u}`, 'logout', {});
  }
  const w = new ChartWriter(app.backend.store.db);
  return app.backend.store.db.transaction(() => {
    const p = w.patient({ sourceSystem: 'e2e', sourceId: 'p1', mrn: 'MRN-E2E-77', familyName: 'Testperson' });
    const e = w.encounter({ sourceSystem: 'e2e', sourceId: 'e1', patientId: p, classCode: 'IMP', periodStart: '2026-01-02' });
    w.document({ sourceSystem: 'e2e', sourceId: 'd1', patientId: p, encounterId: e, text: NOTE, format: 'text', docType: 'discharge-summary', title: 'Discharge summary', authoredAt: '2026-01-04T10:00:00Z' });
    return e;
  })();
}

async function signIn(page: Page, app: AppHarness, username: 'carol' | 'sam') {
  await page.setViewportSize({ width: 1366, height: 768 });
  await app.open(page);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PW[username]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('who')).toBeVisible();
  await page.getByRole('tab', { name: 'Access' }).click();
}

/** What the coder's window receives for the encounter's document: visible and masked section counts. */
async function documentView(page: Page, encounterId: number) {
  return page.evaluate(async (id) => {
    const ntk = (window as unknown as { ntk: Record<string, (a: unknown) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>> }).ntk;
    await ntk.declarePurpose!({ purpose: 'inpatient_coding', encounterId: id });
    const chart = (await ntk.openChart!({ encounterId: id })) as { ok: boolean; value: { documents: Array<{ id: string }> } };
    const doc = (await ntk.openDocument!({ documentId: chart.value.documents[0]!.id })) as { ok: boolean; value: { sections: Array<{ visibility: string }> } };
    const s = doc.value.sections;
    return { visible: s.filter((x) => x.visibility === 'visible').length, masked: s.filter((x) => x.visibility === 'masked').length };
  }, encounterId);
}

test('coder requests, supervisor approves, the section shows; a revoke masks it again; break-glass reaches the review queue', async ({ app, browser }) => {
  const encounterId = await seed(app);
  const coderCtx = await browser.newContext();
  const coder = await coderCtx.newPage();
  await signIn(coder, app, 'carol');
  const before = await documentView(coder, encounterId);
  expect(before.masked).toBeGreaterThan(0);

  await coder.getByLabel('Encounter').fill(String(encounterId));
  await coder.getByRole('button', { name: 'Request access…' }).click();
  const dialog = coder.getByRole('dialog', { name: 'Request access' });
  await dialog.getByLabel('Justification').fill('Mental status needed to code the secondary diagnosis.');
  await dialog.getByLabel('Duration').selectOption('2');
  await coder.screenshot({ path: screenshotPath('access-request-dialog') });
  await dialog.getByRole('button', { name: 'Send request' }).click();
  await expect(coder.getByRole('table', { name: 'My requests' })).toContainText('pending');

  const supCtx = await browser.newContext();
  const sup = await supCtx.newPage();
  await signIn(sup, app, 'sam');
  const row = sup.getByRole('table', { name: 'Pending requests' }).getByRole('row', { name: /Carol Coder/ });
  await expect(row).toContainText('Mental status needed');
  await expect(row).toContainText('PSY');
  await row.getByRole('checkbox').check();
  await sup.screenshot({ path: screenshotPath('access-supervisor-inbox') });
  await sup.getByRole('button', { name: 'Approve selected' }).click();
  await expect(sup.getByRole('table', { name: 'Pending requests' }).getByRole('row', { name: /Carol Coder/ })).toHaveCount(0);

  const after = await documentView(coder, encounterId);
  expect(after.visible).toBeGreaterThan(before.visible);
  expect(after.masked).toBeLessThan(before.masked);

  // The supervisor revokes from the active grants; the coder's next view is masked again.
  await sup.getByRole('tab', { name: 'Store' }).click();
  await sup.getByRole('tab', { name: 'Access' }).click();
  const grants = sup.getByRole('table', { name: 'Active grants' });
  await expect(grants).toContainText('Carol Coder');
  await grants.getByLabel(/Revoke reason/).fill('Coding done');
  await grants.getByRole('button', { name: 'Revoke' }).click();
  await expect(sup.getByText('No grant is running.')).toBeVisible();
  expect(await documentView(coder, encounterId)).toEqual(before);

  // Break-glass from the coder's Access tab: reason, explanation, password; an immediate grant.
  await coder.getByRole('button', { name: 'Break glass…' }).click();
  const bg = coder.getByRole('dialog', { name: 'Break glass: emergency access' });
  await bg.getByLabel('Encounter').fill(String(encounterId));
  await bg.getByLabel('Reason').selectOption('patient-safety');
  await bg.getByLabel('What is happening').fill('Rapid response: attending needs the full chart now.');
  await bg.getByLabel('Your password').fill(PW.carol);
  await coder.screenshot({ path: screenshotPath('access-break-glass') });
  await bg.getByRole('button', { name: 'Start emergency access' }).click();
  await expect(bg).toHaveCount(0);
  await expect(coder.getByRole('table', { name: 'My requests' })).toContainText('break-glass · approved');
  expect((await documentView(coder, encounterId)).masked).toBeLessThan(before.masked);

  // The supervisor is alerted in-app (badge and alert), acknowledges, and reviews it in the queue.
  await sup.getByRole('tab', { name: 'Store' }).click();
  await sup.getByRole('tab', { name: 'Access' }).click();
  await expect(sup.getByRole('tab', { name: /Access/ }).locator('.tab-badge')).toBeVisible();
  const alert = sup.getByRole('alert', { name: 'Break-glass alerts' });
  await expect(alert).toContainText('carol');
  await expect(alert).toContainText('Patient safety concern');
  await alert.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(alert).toHaveCount(0);
  const queue = sup.getByRole('table', { name: 'Break-glass reviews' });
  await expect(queue).toContainText('Carol Coder');
  await expect(queue).toContainText('patient-safety');
  await sup.screenshot({ path: screenshotPath('access-review-queue'), fullPage: true });
  await queue.getByLabel(/Review notes/).fill('Confirmed with the attending; appropriate.');
  await queue.getByRole('button', { name: 'Appropriate', exact: true }).click();
  await expect(queue.getByRole('row')).toHaveCount(1);
  await coderCtx.close();
  await supCtx.close();
});
