import { safeStorage } from 'electron';
import { safeStorageKeySource, type KeySource } from '../core/db/keys';

/** The app's key source: a random store key wrapped by the OS keychain. */
export const appKeySource = (): KeySource => safeStorageKeySource(safeStorage, process.platform);

/**
 * The audit head key: its own random seed, wrapped by the same OS keychain in its own envelope
 * (`store.ntk.audit.key.json`), never derived from the store key. It keeps a holder of the
 * store key alone from re-signing a rewritten audit chain; it does not stop someone who can use
 * this OS account's keychain (SECURITY.md says what does: the exported head).
 */
export const appAuditHeadKeySource = (): KeySource => safeStorageKeySource(safeStorage, process.platform);
