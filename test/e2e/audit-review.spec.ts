import { AuditLog } from '../../electron/core/audit/audit-log';
import { manualClock } from '../../electron/core/clock';
import { ADMIN, expect, screenshotPath, test, type AppHarness } from './harness';

const DAY = 86_400_000;

/** Users and patients, then a week of crafted access by 'cody' ending in an unusual day. */
async function seedReview(app: AppHarness): Promise<void> {
  const ctx = { transport: 'e2e', sessionKey: 'seed' };
  const must = async (name: Parameters<AppHarness['backend']['call']>[0], req: unknown) => {
    const r = await app.backend.call(name, req as never, ctx);
    if (!r.ok) throw new Error(r.error.code);
    return r.value as { id: number };
  };
  await must('setupFirstAdmin', { username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password });
  const cody = (await must('addUser', { username: 'cody', displayName: 'Cody Mendez', role: 'coder', password: 'seventeen quiet lanterns' })).id;
  await must('addUser', { username: 'sam', displayName: 'Sam Reviewer', role: 'supervisor', password: 'seventeen quiet lanterns' });
  await must('logout', {});
  app.secrets.push(ADMIN.password, 'seventeen quiet lanterns', 'Mendez', 'Okafor');
  const db = app.backend.store.db;
  const p = db.prepare("INSERT INTO patient (id, source_system, source_id, mrn, family_name, flags_json) VALUES (?, 'e2e', ?, ?, ?, ?)");
  for (let i = 1; i <= 40; i++) p.run(i, `p${i}`, `MRN${1000 + i}`, i === 3 ? 'Mendez' : i === 5 ? 'Okafor' : `Fam${i}`, i === 5 ? '["VIP"]' : i === 6 ? '["EMPLOYEE"]' : '[]');

  // Anchor the unusual day on the latest Wednesday before today, so every seeded day is a weekday.
  const base = new Date();
  base.setUTCHours(0, 0, 0, 0);
  base.setTime(base.getTime() - DAY);
  while (base.getUTCDay() !== 3) base.setTime(base.getTime() - DAY);
  base.setTime(base.getTime() + 2 * DAY); // "2 days ago" is that Wednesday
  const clock = manualClock(base.getTime() - 12 * DAY);
  const log = new AuditLog(db, app.backend.store.auditKey, app.backend.store.path, 'ws-review', clock);
  const at = (daysAgo: number, hour: number, minute = 0) => clock.setWall(base.getTime() - daysAgo * DAY + hour * 3_600_000 + minute * 60_000);
  const open = (patientId: number, eventType = 'chart.open', labels: string[] = []) =>
    log.append({ userId: cody, username: 'cody', role: 'coder', purpose: 'inpatient-coding', action: 'R', eventType, outcome: 'success', patientId, labels });
  for (const d of [9, 8, 7, 4]) {
    at(d, 8);
    log.append({ userId: cody, username: 'cody', role: 'coder', action: 'E', eventType: 'login', outcome: 'success' });
    for (let i = 0; i < 4; i++) {
      at(d, 9 + i);
      open(10 + i + d, 'document.open', i === 0 ? ['PSY'] : []);
    }
  }
  at(2, 9);
  log.append({ userId: cody, username: 'cody', role: 'coder', action: 'E', eventType: 'login', outcome: 'success' });
  for (let i = 1; i <= 30; i++) {
    at(2, 10, i);
    open(i, i % 4 === 0 ? 'document.open' : 'chart.open', i % 7 === 0 ? ['ETH'] : []);
  }
  for (let i = 0; i < 6; i++) {
    at(2, 14, i);
    log.append({ userId: cody, username: 'cody', role: 'coder', action: 'C', eventType: 'access.request', outcome: 'success', patientId: 20 + i });
  }
  at(2, 22, 40);
  open(3);
  open(5);
  at(1, 11);
  open(6);

  // Real access requests, a decision each way and a break-glass, through the access service (now).
  db.prepare("INSERT INTO encounter (id, patient_id, source_system, source_id) VALUES (500, 20, 'e2e', 'enc-500')").run();
  const as = (key: string) => async (name: Parameters<AppHarness['backend']['call']>[0], req: unknown) => {
    const r = await app.backend.call(name, req as never, { transport: 'e2e', sessionKey: key });
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as { id: number };
  };
  const c = as('seed-cody');
  const sam = as('seed-sam');
  for (const [w, username] of [[c, 'cody'], [sam, 'sam']] as const) {
    await w('login', { username, password: 'seventeen quiet lanterns' });
    await w('changePassword', { current: 'seventeen quiet lanterns', next: 'a brand new long passphrase' });
  }
  app.secrets.push('a brand new long passphrase');
  const justification = 'Need the full operative note to code the procedure.';
  const r1 = await c('requestAccess', { encounterId: 500, purpose: 'inpatient_coding', justification });
  const r2 = await c('requestAccess', { encounterId: 500, purpose: 'inpatient_coding', justification });
  await sam('decideAccess', { requestIds: [r1.id], decision: 'approve' });
  await sam('decideAccess', { requestIds: [r2.id], decision: 'deny', reason: 'Duplicate request' });
  await c('reauthenticate', { password: 'a brand new long passphrase', for: 'breakGlass' }); // break-glass asks again; signing in is no proof
  await c('breakGlass', { encounterId: 500, reasonCode: 'patient-safety', reasonText: 'Attending asked for the full chart during a rapid response.' });
}

test('audit review: timeline, unusual-access flags, metrics and patient/label filters', async ({ app, page }) => {
  await seedReview(app);
  await page.setViewportSize({ width: 1366, height: 768 });
  await app.open(page);
  await page.getByLabel('User name').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('tab', { name: 'Audit' }).click();

  // Events: filter by patient and by label.
  await page.getByLabel('Patient #').fill('5');
  await page.getByRole('button', { name: 'Filter' }).click();
  const rows = page.getByRole('table', { name: 'Audit events' }).getByRole('row');
  await expect(rows).toHaveCount(3); // header + chart.open on day 2 (10:05) + after hours (22:40)
  await page.getByLabel('Patient #').fill('');
  await page.getByLabel('Label').selectOption('ETH');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(rows).toHaveCount(1 + 4); // patients 7, 14, 21, 28
  await page.screenshot({ path: screenshotPath('audit-events-filtered'), fullPage: true });

  await page.getByRole('tab', { name: 'User timeline' }).click();
  await page.getByLabel('User name').fill('cody');
  await page.getByRole('button', { name: 'Show timeline' }).click();
  await expect(page.getByTestId('timeline-user')).toContainText('Cody Mendez (cody): 7 active day(s)');
  const tl = page.getByRole('table', { name: 'Access timeline' });
  await expect(tl.getByRole('row')).toHaveCount(8);
  await page.screenshot({ path: screenshotPath('audit-timeline'), fullPage: true });

  await page.getByRole('tab', { name: 'Unusual access' }).click();
  await page.getByRole('button', { name: 'Find unusual access' }).click();
  const flags = page.getByRole('table', { name: 'Unusual access flags' });
  for (const kind of ['Volume far above own baseline', 'VIP patient', 'Employee patient', 'Shares last name', 'Many masked-section requests', 'After hours']) {
    await expect(flags.getByText(kind, { exact: true }).first()).toBeVisible();
  }
  await expect(flags).not.toContainText('Mendez');
  await page.screenshot({ path: screenshotPath('audit-flags'), fullPage: true });
  // A flag's records open the events of that user and day.
  await flags.getByRole('row').filter({ hasText: 'VIP patient' }).getByRole('button').click();
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('User', { exact: true })).toHaveValue('cody');

  await page.getByRole('tab', { name: 'Metrics' }).click();
  await page.getByRole('button', { name: 'Compute metrics' }).click();
  await expect(page.getByTestId('metric-break-glass-events')).toHaveText('1');
  await expect(page.getByTestId('metric-access-requests')).toHaveText('2');
  await expect(page.getByLabel('Audit metrics')).toContainText('1 approved · 1 denied');
  await expect(page.getByLabel('Audit metrics')).toContainText('1 unreviewed');
  await page.screenshot({ path: screenshotPath('audit-metrics'), fullPage: true });
});
