import fs from 'node:fs';
import path from 'node:path';
import { NtkError } from '../errors';

/** Maps SQLite and file-system failures to errors a user can act on. */
export function toStoreError(e: unknown, dbPath: string): NtkError {
  if (e instanceof NtkError) return e;
  const code = String((e as { code?: unknown })?.code ?? '');
  if (code === 'SQLITE_NOTADB') return notAStore(dbPath);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || (code.startsWith('SQLITE_IOERR') && diskIsFull(dbPath))) {
    return new NtkError('DISK_FULL', `The disk holding ${dbPath} is full; nothing was written. Free some space and try again.`, { cause: e });
  }
  const cannotWriteFolder = code === 'SQLITE_CANTOPEN' && !writable(path.dirname(dbPath)); // WAL needs its -shm beside the store
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || cannotWriteFolder) {
    return new NtkError('READ_ONLY', `The store ${dbPath} (or its folder) is read-only; Need-to-Know needs to write there.`, { cause: e });
  }
  return new NtkError('INTERNAL', `The store ${dbPath} could not be used (${code || 'unexpected error'}).`, { cause: e });
}

export const notAStore = (dbPath: string, detail = ''): NtkError =>
  new NtkError(
    'WRONG_KEY_OR_NOT_STORE',
    `Wrong key or not a Need-to-Know database: ${dbPath}${detail ? ` (${detail})` : ''}. The file was left untouched.`,
  );

/** An I/O error on a volume with no space left is a full disk, whatever SQLite called it. */
function diskIsFull(dbPath: string): boolean {
  try {
    const s = fs.statfsSync(path.dirname(dbPath));
    return s.bavail === 0;
  } catch {
    return false;
  }
}

function writable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
