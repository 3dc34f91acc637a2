import type { Migration } from '../migration';
import { m0001 } from './0001_store_meta';
import { m0002 } from './0002_chart_core';
import { m0003 } from './0003_users';
import { m0004 } from './0004_audit';
import { m0005 } from './0005_chart_detail';
import { m0006 } from './0006_access';
import { m0008 } from './0008_packets_disclosures';

/** Every schema step, in order. Add a file per migration and list it here. */
// TEMPORARY (branch biller): version 7 belongs to another branch (coder: 0007_queries); this no-op placeholder keeps
// the list contiguous until it merges, then it is replaced by the real migration.
const reserved = (version: number): Migration => ({ version, name: `000${version}_reserved`, up: () => {} });

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, reserved(7), m0008];
