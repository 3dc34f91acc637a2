/** Argument checks every command shares. The store key options are in key-options.ts (they load the key code). */
export function requireDb(db: string | undefined): string {
  if (!db) throw new UsageError('--db PATH is required.');
  return db;
}

export class UsageError extends Error {}
