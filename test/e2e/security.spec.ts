import { base32Decode, hotp, stepAt } from '../../electron/core/auth/totp';
import { ADMIN, expect, firstRunAsAdmin, screenshotPath, test } from './harness';

const codeAt = (secret: string, unixMs: number) => hotp(base32Decode(secret), stepAt(unixMs));

test('a user enrols an authenticator app after re-authenticating; sign-in then needs its code', async ({ app, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await firstRunAsAdmin(page, app);
  await page.getByRole('tab', { name: 'Security' }).click();
  await expect(page.getByTestId('second-factor-status')).toContainText('not enrolled');
  await page.getByRole('button', { name: 'Set up an authenticator app…' }).click();
  const reauth = page.getByRole('dialog', { name: 'Confirm it is you' });
  await reauth.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await reauth.getByRole('button', { name: 'Confirm' }).click();

  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByLabel('6-digit code').fill('000000' === codeAt(secret, Date.now()) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('alert')).toContainText('does not match');
  await page.getByLabel('6-digit code').fill(codeAt(secret, Date.now()));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
  await expect(page.getByTestId('second-factor-status')).toContainText('authenticator app enrolled');
  await page.screenshot({ path: screenshotPath('security-recovery-codes') });
  const recovery = await page.getByTestId('recovery-codes').locator('li').first().innerText();
  app.secrets.push(secret, recovery);
  await page.getByRole('button', { name: 'I have kept them' }).click();

  // Signing in now needs the code: the password alone gets the generic answer.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('User name').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Sign-in failed. Check your user name, password and code.');
  // The next 30-second step (the enrolment's own code cannot be replayed), after the failure's short wait.
  app.advance(31_000);
  await page.getByLabel('Authenticator or recovery code').fill(codeAt(secret, Date.now() + 31_000));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('who')).toContainText('Ada Admin');

  // An export asks again, code included: the password alone is refused, password and a fresh code export.
  await page.getByRole('tab', { name: 'Inventory' }).click();
  await page.getByRole('button', { name: 'Export CSV…' }).click();
  const again = page.getByRole('dialog', { name: 'Confirm it is you' });
  await again.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await again.getByRole('button', { name: 'Confirm' }).click();
  await expect(again.getByRole('alert')).toBeVisible();
  expect(app.exports).toEqual([]);
  app.advance(31_000);
  await again.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await again.getByLabel('Authenticator code (if enrolled)').fill(codeAt(secret, Date.now() + 62_000));
  await again.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the inventory' })).toBeVisible();
  expect(app.exports).toHaveLength(1);
});
