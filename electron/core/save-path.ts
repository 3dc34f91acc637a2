/**
 * Where an export that carries PHI goes: the main process asks the person (Electron: a save dialog;
 * e2e: a path in the test's folder) and writes the file itself, so the renderer never names a path.
 * The default name carries no PHI. null when the person cancels.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NtkError } from './errors';

export type SaveFormat = 'pdf' | 'text' | 'csv';

export type PickSavePath = (request: { defaultName: string; format: SaveFormat }) => Promise<string | null>;

/**
 * Writes an export owner-only (mode 0600), whether the file is new or replaces one: the bytes go
 * to a fresh file created 0600 beside the target (O_EXCL, so never someone else's file or a
 * symlink), are synced, and the file is renamed over the target. An existing file's looser mode
 * is never inherited, and there is no moment at which the new content sits in a readable file.
 */
export function writeExportFile(target: string, bytes: Uint8Array | string): void {
  writeExportChunks(target, [bytes]);
}

/** The same for an export written in pieces (the audit export streams its rows). */
export function writeExportChunks(target: string, chunks: Iterable<Uint8Array | string>): void {
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.fchmodSync(fd, 0o600); // whatever the umask
    for (const c of chunks) fs.writeSync(fd, typeof c === 'string' ? Buffer.from(c) : c);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
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
