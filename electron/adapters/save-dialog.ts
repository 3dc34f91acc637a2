/**
 * The main-process save dialog for exports that carry PHI (physician queries): the renderer never
 * receives the bytes, it only learns their size and hash. The default name carries no PHI.
 */
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron';
import type { PickSavePath, SaveFormat } from '../core/save-path';

const FILTERS: Record<SaveFormat, SaveDialogOptions['filters']> = {
  pdf: [{ name: 'PDF document', extensions: ['pdf'] }],
  text: [{ name: 'Plain text', extensions: ['txt'] }],
  csv: [{ name: 'CSV (spreadsheet)', extensions: ['csv'] }],
};

export function savePathPicker(dialog: Pick<Dialog, 'showSaveDialog'>, parent: () => BrowserWindow | null): PickSavePath {
  return async ({ defaultName, format }) => {
    const win = parent();
    const options: SaveDialogOptions = { defaultPath: defaultName, filters: FILTERS[format], properties: ['createDirectory', 'showOverwriteConfirmation'] };
    const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return r.canceled || !r.filePath ? null : r.filePath;
  };
}
