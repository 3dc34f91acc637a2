import type { Migration } from '../migration';
import { m0001 } from './0001_store_meta';
import { m0002 } from './0002_chart_core';
import { m0003 } from './0003_users';
import { m0004 } from './0004_audit';
import { m0005 } from './0005_chart_detail';
import { m0007 } from './0007_queries';

// BRANCH-ONLY STAND-IN (coder): version 6 belongs to the access branch (0006_access). Until it is
// merged here, an empty step keeps the list contiguous. Replace it with m0006 when resolving the merge.
const reserved = (version: number): Migration => ({ version, name: `000${version}_reserved`, up() {} });

/** Every schema step, in order. Add a file per migration and list it here. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, reserved(6), m0007];
