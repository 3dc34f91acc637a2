import type { TestBackend } from './backend';
import { USER_PASSWORD } from './backend';

export const NEW_PASSWORD = 'amber lighthouse over quiet water';

/** Signs `username` in as window `key` and sets their own password (new accounts must). */
export async function signIn(t: TestBackend, key: string, username: string): Promise<ReturnType<TestBackend['as']>> {
  const call = t.as(key);
  await call('login', { username, password: USER_PASSWORD });
  await call('changePassword', { current: USER_PASSWORD, next: NEW_PASSWORD });
  return call;
}
