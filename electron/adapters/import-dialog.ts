/**
 * The main process's file picker for imports: the renderer asks to import, the user chooses here,
 * and only these paths reach the pipeline (the renderer never names a file).
 */
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import type { PickImportFiles } from '../core/ingest/handlers';

export const IMPORT_FILTERS = [
  { name: 'Chart data (FHIR, C-CDA, X12 835, notes, scans)', extensions: ['json', 'ndjson', 'jsonl', 'xml', 'txt', 'csv', '835', 'edi', 'x12', 'pdf', 'png', 'jpg', 'jpeg', 'tif', 'tiff'] },
  { name: 'All files', extensions: ['*'] },
];

export function importFilePicker(dialog: Pick<Dialog, 'showOpenDialog'>, window: () => BrowserWindow | undefined): PickImportFiles {
  return async ({ folder }) => {
    // Windows and Linux dialogs pick files or folders, not both: the screen offers one button for each.
    const options: OpenDialogOptions = folder
      ? { title: 'Import a folder of chart files', properties: ['openDirectory'] }
      : { title: 'Import chart files', properties: ['openFile', 'multiSelections'], filters: IMPORT_FILTERS };
    const w = window();
    const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
    return r.canceled ? [] : r.filePaths;
  };
}
