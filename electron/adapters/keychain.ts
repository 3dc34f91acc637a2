import { safeStorage } from 'electron';
import { safeStorageKeySource, type KeySource } from '../core/db/keys';

/** The app's key source: a random store key wrapped by the OS keychain. */
export const appKeySource = (): KeySource => safeStorageKeySource(safeStorage, process.platform);
