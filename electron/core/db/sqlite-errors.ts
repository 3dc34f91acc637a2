import { NtkError } from '../errors';

/** Maps SQLite and file-system failures to errors a user can act on. */
export function toStoreError(e: unknown, dbPath: string): NtkError {
  if (e instanceof NtkError) return e;
  const code = String((e as { code?: unknown })?.code ?? '');
  if (code === 'SQLITE_NOTADB') return notAStore(dbPath);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_WRITE' && /full/i.test(String((e as Error).message))) {
    return new NtkError('DISK_FULL', `The disk holding ${dbPath} is full; nothing was written. Free some space and try again.`, { cause: e });
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new NtkError('READ_ONLY', `The store ${dbPath} (or its folder) is read-only; Need-to-Know needs to write there.`, { cause: e });
  }
  return new NtkError('INTERNAL', `The store ${dbPath} could not be used (${code || 'unexpected error'}).`, { cause: e });
}

export const notAStore = (dbPath: string, detail = ''): NtkError =>
  new NtkError(
    'WRONG_KEY_OR_NOT_STORE',
    `Wrong key or not a Need-to-Know database: ${dbPath}${detail ? ` (${detail})` : ''}. The file was left untouched.`,
  );
