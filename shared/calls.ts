/**
 * The names of every backend call. shared/contract.ts must give each exactly
 * one schema pair (the compiler enforces both directions), and the preload
 * builds `window.ntk` from this list — so it stays small and zod-free.
 */
export const CALL_NAMES = [
  'appInfo',
  'storeStatus',
  'sessionState',
  'setupFirstAdmin',
  'login',
  'logout',
  'lockSession',
  'unlockSession',
  'recordActivity',
  'changePassword',
  'reauthenticate',
  'beginTotpEnrollment',
  'confirmTotpEnrollment',
  'listUsers',
  'addUser',
  'setUserDisabled',
  'setUserRole',
  'resetUserPassword',
  'unlockUser',
  'signInAlerts',
  'setIdleMinutes',
  'auditVerify',
  'auditEvents',
  // coder workstation (shared/coder-contract.ts)
  'listWorklist',
  'claimEncounter',
  'getCoderPrefs',
  'setCoderPrefs',
  'createQuery',
  'updateQuery',
  'getQuery',
  'listQueries',
  'previewQuery',
  'exportQuery',
  'setQueryStatus',
  // biller workstation (shared/packets-contract.ts)
  'denialWorklist',
  'setDenialStatus',
  'packetDraft',
  'saveLetterTemplate',
  'packetCheck',
  'packetExport',
  'packetHistory',
  'disclosureReport',
  'recordExceptionDisclosure',
  'disclosureExport',
  // retention (cache minimization)
  'retentionPolicy',
  'setRetentionPolicy',
  'runRetention',
  'exposureInventory',
  'exportInventory',
  // audit review (shared/audit-review-contract.ts)
  'auditTimeline',
  'auditFlags',
  'auditMetrics',
  // chart views (shared/chart-contract.ts)
  'declarePurpose',
  'openChart',
  'openDocument',
  'findInChart',
  // demo data (synthetic charts): shared/demo-contract.ts
  'loadDemoData',
  // access (elevated access, break-glass)
  'accessPolicy',
  'requestAccess',
  'withdrawAccessRequest',
  'myAccessRequests',
  'accessInbox',
  'decideAccess',
  'revokeAccess',
  'breakGlass',
  'accessAlerts',
  'acknowledgeAccessAlerts',
  'breakGlassReviews',
  'closeBreakGlassReview',
  'accessMetrics',
  // ingest
  'importFiles',
  'importProgress',
  'importCancel',
  'fileScan',
] as const;

export type CallName = (typeof CALL_NAMES)[number];

/** The IPC channel that carries a call. */
export const channelOf = (name: CallName): string => `ntk:${name}`;

/** [method name, channel] pairs: what a bridge needs to expose the API. */
export const callTable = (): Array<[CallName, string]> => CALL_NAMES.map((n) => [n, channelOf(n)]);
