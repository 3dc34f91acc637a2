/**
 * Where an export that carries PHI goes: the main process asks the person (Electron: a save dialog;
 * e2e: a path in the test's folder) and writes the file itself, so the renderer never names a path.
 * The default name carries no PHI. null when the person cancels.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NtkError } from './errors';

export type SaveFormat = 'pdf' | 'text' | 'csv';

export type PickSavePath = (request: { defaultName: string; format: SaveFormat }) => Promise<string | null>;

/** Writes an export owner-only, in one go (the app's save dialogs and the CLI's --out). */
export function writeExportFile(target: string, bytes: Uint8Array | string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, bytes, { mode: 0o600 });
}

/** Asks where to save; null when the person cancels. Without a dialog (headless) it is refused. */
export async function askSavePath(pick: PickSavePath | undefined, request: { defaultName: string; format: SaveFormat }): Promise<string | null> {
  if (!pick) throw new NtkError('CONFLICT', 'Saving files is not available here.');
  return pick(request);
}

/**
 * Asks where to save, then writes the bytes. A cancelled dialog writes nothing and is a CONFLICT the
 * user sees ("Export cancelled"); `after` runs once the file exists (record the disclosure, audit) and,
 * if it throws, the file is removed again so nothing leaves unaccounted for.
 */
export async function saveExport<T>(
  pick: PickSavePath | undefined,
  request: { defaultName: string; format: SaveFormat },
  bytes: Uint8Array,
  after: (target: string) => T,
): Promise<T> {
  const target = await askSavePath(pick, request);
  if (!target) throw new NtkError('CONFLICT', 'Export cancelled; nothing was written.');
  writeExportFile(target, bytes);
  try {
    return after(target);
  } catch (e) {
    fs.rmSync(target, { force: true });
    throw e;
  }
}
