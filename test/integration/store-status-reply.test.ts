import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { USER_PASSWORD, withUsers } from '../support/backend';

describe('storeStatus over IPC', () => {
  it('names the store by its file name only: no absolute path, folder or home directory reaches the renderer', async () => {
    const t = await withUsers([['carol', 'coder']]);
    try {
      const carol = t.as('carol');
      await carol('login', { username: 'carol', password: USER_PASSWORD });
      await carol('changePassword', { current: USER_PASSWORD, next: 'a brand new long passphrase' });
      for (const who of ['admin', 'carol']) {
        const status = await t.as(who)('storeStatus', {});
        expect(status.fileName).toBe('store.ntk');
        const text = JSON.stringify(status);
        expect(text).not.toContain(t.dir);
        expect(text).not.toContain(os.homedir());
        expect(text).not.toMatch(/[/\\]/);
        expect(status).not.toHaveProperty('path');
      }
    } finally {
      t.backend.close();
    }
  });
});
