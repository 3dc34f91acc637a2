import type { Migration } from '../migration';
import { m0001 } from './0001_store_meta';
import { m0002 } from './0002_chart_core';
import { m0003 } from './0003_users';
import { m0004 } from './0004_audit';
import { m0005 } from './0005_chart_detail';
import { m0006 } from './0006_access';
import { m0009 } from './0009_retention';

// BRANCH-ONLY STAND-INS (retention): versions 7 (coder queries) and 8 (packets/disclosures) belong to other
// branches. Until they are merged here, empty steps keep the list contiguous. Drop them when resolving that merge.
const reserved = (version: number): Migration => ({ version, name: `000${version}_reserved`, up() {} });

/** Every schema step, in order. Add a file per migration and list it here. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, reserved(7), reserved(8), m0009];
