/** Cache minimization: retention policy, purge, last-use tracking and the exposure inventory. */
export { touchDocument, touchPatient } from './touch';
export { RetentionService, RETENTION_INTERVAL_MS, type PurgeReport, type PurgedPatient } from './retention-service';
export { readPolicy, DEFAULT_IDLE_DAYS, AUDIT_RETENTION_YEARS, type RetentionPolicy } from './policy';
export { unsafeReferences, PURGE_DELETES, PURGE_SCRUBS } from './purge';
