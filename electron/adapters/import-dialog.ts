/**
 * The main process's file picker for imports: the renderer asks to import, the user chooses here,
 * and only these paths reach the pipeline (the renderer never names a file).
 */
import type { BrowserWindow, Dialog } from 'electron';

export const IMPORT_FILTERS = [
  { name: 'Chart data (FHIR, C-CDA, notes)', extensions: ['json', 'ndjson', 'jsonl', 'xml', 'txt', 'csv'] },
  { name: 'All files', extensions: ['*'] },
];

export function importFilePicker(dialog: Pick<Dialog, 'showOpenDialog'>, window: () => BrowserWindow | undefined): () => Promise<string[]> {
  return async () => {
    const options = { title: 'Import chart files', properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>, filters: IMPORT_FILTERS };
    const w = window();
    const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
    return r.canceled ? [] : r.filePaths;
  };
}
