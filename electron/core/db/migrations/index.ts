import type { Migration } from '../migration';
import { m0001 } from './0001_store_meta';
import { m0002 } from './0002_chart_core';

/** Every schema step, in order. Add a file per migration and list it here. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002];
