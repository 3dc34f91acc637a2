/**
 * Launches the real Electron app where its binary is present (a developer
 * machine with internet). Our build machines cannot download Electron, so there
 * this test is reported as skipped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const electronDir = path.resolve('node_modules/electron');
const pathTxt = path.join(electronDir, 'path.txt');
const binary = fs.existsSync(pathTxt) ? path.join(electronDir, 'dist', fs.readFileSync(pathTxt, 'utf8').trim()) : '';
const present = !!binary && fs.existsSync(binary);

test.skip(!present, 'Electron binary not downloaded on this machine');

test('the Electron app opens its window on the store status screen', async () => {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-electron-'));
  const app = await electron.launch({ executablePath: binary, args: ['.', `--user-data-dir=${userData}`] });
  try {
    const win = await app.firstWindow();
    expect(win.url()).toMatch(/^app:\/\/ntk\//);
    await expect(win.getByTestId('store-state')).toHaveText('Opened');
    await win.screenshot({ path: path.resolve('test-results/screenshots/electron-store-status.png') });
  } finally {
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
});
