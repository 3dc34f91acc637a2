import type { StoreStatus } from '../../shared/contract';
import { createBackend } from '../core/backend';
import { APP_INFO } from '../core/app-info';
import type { KeySource } from '../core/db/keys';

/** `ntk init` creates the store if absent (or upgrades it) and `ntk info` reads it; both report its status. */
export function storeStatusCommand(dbPath: string, keys: KeySource, mode: 'init' | 'info'): StoreStatus {
  const backend = createBackend({
    app: APP_INFO,
    store: { path: dbPath, keys, create: mode === 'init', readonly: mode === 'info' },
  });
  try {
    // The CLI holds the store key itself, so it reads the status directly rather than through a session.
    return backend.store.status();
  } finally {
    backend.close();
  }
}

export function formatStatus(s: StoreStatus): string {
  return [
    `store        ${s.path}`,
    `store id     ${s.storeId}`,
    `created      ${s.createdAt}`,
    `schema       ${s.schemaVersion} (latest ${s.latestSchemaVersion})`,
    `encryption   ${s.cipher} 4, key from ${s.keySource}`,
    `journal      ${s.journalMode}`,
    `patients     ${s.counts.patients}`,
    `encounters   ${s.counts.encounters}`,
    `documents    ${s.counts.documents}`,
  ].join('\n');
}
