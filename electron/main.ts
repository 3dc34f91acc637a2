/**
 * App lifecycle and wiring. Everything of substance lives in core/ (tested
 * under plain Node) and the thin adapters/; this file only connects them.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, webContents } from 'electron';
import { APP_ENTRY_URL, privilegedSchemes, registerAppProtocol } from './adapters/app-protocol';
import { startIdleSweep, watchWindowInput } from './adapters/idle-input';
import { importFilePicker } from './adapters/import-dialog';
import { registerIpc } from './adapters/ipc';
import { applyRuntimeSwitches } from './adapters/dev-switches';
import { appAuditHeadKeySource, appKeySource } from './adapters/keychain';
import { savePathPicker } from './adapters/save-dialog';
import { denyAllPermissions, guardContents, guardWindow, windowOptions } from './adapters/window-security';
import { APP_INFO } from './core/app-info';
import { createBackend, runRetention, type Backend } from './core/backend';
import { RETENTION_INTERVAL_MS } from './core/retention';

// Development switches exist only in development: a packaged app drops every NTK_* variable and
// takes its word lists and fonts from its own bundle (adapters/dev-switches.ts).
const switches = applyRuntimeSwitches(process.env, { isPackaged: app.isPackaged, packagedResources: process.resourcesPath, devResources: path.join(__dirname, '../../resources') });
protocol.registerSchemesAsPrivileged(privilegedSchemes);
app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

let backend: Backend | undefined;
let mainWindow: BrowserWindow | undefined;
let retentionTimer: NodeJS.Timeout | undefined;
let stopIdleSweep: (() => void) | undefined;

app.on('web-contents-created', (_e, contents) => guardContents(contents));

app.whenReady().then(() => {
  denyAllPermissions(session.defaultSession);
  registerAppProtocol(protocol, path.join(__dirname, '../renderer'));
  try {
    backend = createBackend({
      app: { ...APP_INFO, version: app.getVersion() },
      store: { path: path.join(app.getPath('userData'), 'store.ntk'), keys: appKeySource(), create: true },
      // The audit head key: its own keychain-wrapped seed, not the store key (audit/head-log.ts).
      auditHeadKeys: appAuditHeadKeySource(),
      reanalyzeOnStart: true,
      log: (entry) => console.error('[ntk] call failed', entry),
      pickImportFiles: importFilePicker(dialog, () => mainWindow),
      pickSavePath: savePathPicker(dialog, () => BrowserWindow.getFocusedWindow()),
    });
  } catch (e) {
    dialog.showErrorBox('Need-to-Know cannot open its store', (e as Error).message);
    app.exit(1);
    return;
  }
  registerIpc(ipcMain, backend.dispatch);
  // The purge ran once at start-up (createBackend); it runs again on this timer while the app is open.
  const b = backend;
  retentionTimer = setInterval(() => runRetention(b.retention, (entry) => console.error('[ntk] retention failed', entry)), RETENTION_INTERVAL_MS);
  retentionTimer.unref();
  const win = new BrowserWindow(windowOptions(path.join(__dirname, 'preload.cjs'), { devTools: switches.devTools }));
  mainWindow = win;
  guardWindow(win);
  // The idle lock counts the window's input as the main process sees it, and locks without waiting for a call.
  watchWindowInput(win.webContents, b.auth);
  stopIdleSweep = startIdleSweep(b.auth, (id) => webContents.fromId(id));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  if (retentionTimer) clearInterval(retentionTimer);
  stopIdleSweep?.();
  backend?.close();
});
