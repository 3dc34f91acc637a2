import { ADMIN, expect, fillFirstRun, firstRunAsAdmin, screenshotPath, test } from './harness';

test('first run asks for an administrator; sign-out and sign-in; a wrong password gets the generic answer', async ({ app, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await app.open(page);
  await expect(page.getByRole('heading', { name: 'Create the first administrator' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('first-run') });
  await fillFirstRun(page, app);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('User name').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill('not the right password');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Sign-in failed. Check your user name, password and code.');
  await page.screenshot({ path: screenshotPath('sign-in-failed') });

  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.keyboard.press('Enter');
  // Two failures in a row impose a short wait; the right password then gets through after it.
  await expect(page.getByTestId('who').or(page.getByRole('alert'))).toBeVisible();
  if (await page.getByRole('alert').isVisible()) {
    app.advance(2_000);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(page.getByTestId('who')).toContainText('Ada Admin');
});

test('Ctrl+L locks the session, clears patient counts from the page, and only the password unlocks it', async ({ app, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await firstRunAsAdmin(page, app);
  await expect(page.getByTestId('count-patients')).toHaveText('0');
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: 'Session locked' })).toBeVisible();
  await expect(page.getByTestId('count-patients')).toHaveCount(0);
  // The backend refuses PHI calls from the locked window, whatever the page tries.
  const direct = await page.evaluate(() => (window as unknown as { ntk: { storeStatus(a: object): Promise<unknown> } }).ntk.storeStatus({}));
  expect(direct).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  await page.screenshot({ path: screenshotPath('lock-screen') });

  await page.getByLabel('Password', { exact: true }).fill('a wrong password for sure');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByTestId('count-patients')).toHaveText('0');
});

test('an idle session locks itself after the idle limit', async ({ app, page }) => {
  await page.clock.install();
  await firstRunAsAdmin(page, app);
  await expect(page.getByTestId('store-state')).toHaveText('Opened');
  app.advance(15 * 60_000 + 1_000);
  await page.clock.fastForward('15:10');
  await expect(page.getByRole('heading', { name: 'Session locked' })).toBeVisible();
  await expect(page.getByTestId('store-state')).toHaveCount(0);
});

test('an administrator adds a coder, who must choose a password and sees no admin screens; the audit trail verifies', async ({ app, page, browser }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await firstRunAsAdmin(page, app);
  await page.getByRole('tab', { name: 'Users' }).click();
  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('User name').fill('carol');
  await form.getByLabel('Full name').fill('Carol Coder');
  await form.getByLabel('Role').selectOption('coder');
  const temp = 'temporary harbor lantern 55';
  app.secrets.push(temp);
  await form.getByLabel('Temporary password').fill(temp);
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('status')).toContainText('Added carol');
  await expect(page.getByRole('row', { name: /carol/ })).toContainText('must change password');
  await page.screenshot({ path: screenshotPath('users-admin'), fullPage: true });

  const coderContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const coder = await coderContext.newPage();
  await app.open(coder);
  await coder.getByLabel('User name').fill('carol');
  await coder.getByLabel('Password', { exact: true }).fill(temp);
  await coder.getByRole('button', { name: 'Sign in' }).click();
  await expect(coder.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  const mine = 'my own quiet harbour passphrase';
  app.secrets.push(mine);
  await coder.getByLabel('Temporary password').fill(temp);
  await coder.getByLabel('New password', { exact: true }).fill(mine);
  await coder.getByLabel('Confirm new password').fill(mine);
  await coder.getByRole('button', { name: 'Save password' }).click();
  await expect(coder.getByTestId('who')).toContainText('Carol Coder · Coder');
  await expect(coder.getByRole('tab', { name: 'Users' })).toHaveCount(0);
  await expect(coder.getByRole('tab', { name: 'Audit' })).toHaveCount(0);
  const refused = await coder.evaluate(() => (window as unknown as { ntk: { listUsers(a: object): Promise<unknown> } }).ntk.listUsers({}));
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  await coderContext.close();

  await page.getByRole('tab', { name: 'Audit' }).click();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByTestId('audit-verify')).toContainText('Chain intact');
  await expect(page.getByRole('table', { name: 'Audit events' })).toContainText('access.denied');
  await page.screenshot({ path: screenshotPath('audit-review'), fullPage: true });
});

test('a name locked by repeated failed sign-ins alerts the administrator: a badge on Users, the account named, unlock clears it', async ({ app, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await firstRunAsAdmin(page, app);
  const seed = { transport: 'test', sessionKey: 'seed' };
  const seedAdmin = { transport: 'test', sessionKey: 'seed-admin' };
  await app.backend.call('login', { username: ADMIN.username, password: ADMIN.password }, seedAdmin);
  await app.backend.call('addUser', { username: 'carol', displayName: 'Carol Coder', role: 'coder', password: 'temporary harbor lantern 55' }, seedAdmin);
  // Someone else guesses carol's password from another window until the name locks.
  for (let i = 0; i < 10; i++) {
    await app.backend.call('login', { username: 'carol', password: `wrong guess ${i}` }, seed);
    app.advance(31_000);
  }
  await page.getByRole('tab', { name: 'Users' }).click();
  await expect(page.getByRole('tab', { name: /Users/ }).getByLabel('1 sign-in alert')).toBeVisible();
  const alert = page.getByTestId('sign-in-alerts');
  await expect(alert).toContainText('Locked out after repeated failed sign-ins: carol');
  await page.screenshot({ path: screenshotPath('users-sign-in-alert'), fullPage: true });
  await page.getByRole('row', { name: /carol/ }).getByRole('button', { name: 'Unlock' }).click();
  await expect(alert).toHaveCount(0);
  await expect(page.getByRole('tab', { name: /Users/ }).getByLabel('1 sign-in alert')).toHaveCount(0);
});
