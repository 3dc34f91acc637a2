import type { Migration } from '../migration';
import { m0001 } from './0001_store_meta';
import { m0002 } from './0002_chart_core';
import { m0003 } from './0003_users';
import { m0004 } from './0004_audit';
import { m0005 } from './0005_chart_detail';
import { m0006 } from './0006_access';
import { m0007 } from './0007_queries';
import { m0008 } from './0008_packets_disclosures';
import { m0009 } from './0009_retention';
import { m0010 } from './0010_patient_scoped_keys';
import { m0011 } from './0011_remittance_payment_key';
import { m0012 } from './0012_auth_hardening';
import { m0013 } from './0013_analyzer_version';
import { m0014 } from './0014_remittance_warnings';

/** Every schema step, in order. Add a file per migration and list it here. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013, m0014];
