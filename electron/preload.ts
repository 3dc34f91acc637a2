/**
 * Exposes exactly the contract's functions as `window.ntk` — generated from
 * shared/contract.ts, so there is no generic invoke and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../shared/bridge';

contextBridge.exposeInMainWorld('ntk', buildApi((channel, arg) => ipcRenderer.invoke(channel, arg)));
