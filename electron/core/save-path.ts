/**
 * Where an export that carries PHI goes: the main process asks the person (Electron: a save dialog;
 * e2e: a path in the test's folder) and writes the file itself, so the renderer never names a path.
 * The default name carries no PHI. null when the person cancels.
 */
export type SaveFormat = 'pdf' | 'text' | 'csv';

export type PickSavePath = (request: { defaultName: string; format: SaveFormat }) => Promise<string | null>;
