import type { Migration } from '../../electron/core/db/migration';
import { MIGRATIONS } from '../../electron/core/db/migrations';

/**
 * Every migration up to `version`, for tests of a migration whose predecessors are built on other
 * branches: missing earlier versions are filled with empty steps (only while they are missing).
 */
export function migrationsThrough(version: number, extra: readonly Migration[]): Migration[] {
  const byVersion = new Map<number, Migration>([...MIGRATIONS, ...extra].map((m) => [m.version, m]));
  return Array.from({ length: version }, (_, i) => byVersion.get(i + 1) ?? { version: i + 1, name: `absent_${i + 1}`, up() {} });
}
