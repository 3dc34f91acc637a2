import { addColumnIfMissing, type Migration } from '../migration';

/**
 * Remittances keep what the 835 reader tolerated (`warnings_json`: envelope count or control number
 * mismatches, skipped unreadable segments ...; never file content), so every place a remittance is shown
 * can say "verify against the payer's EOB". And what disputes need from the 835 (005010X221A1):
 *
 * - remit_claim: CLP06 claim filing indicator, CLP08 facility type, CLP09 frequency, and the claim-level
 *   REF identifiers a dispute quotes (`refs_json`, {qualifier: value}: 1K payer claim number, F8 original
 *   reference, EA medical record number (PHI, like the patient name beside it), G1 prior authorization,
 *   9A/9C repriced claim, BB authorization, 1L group, CE contract class, IG policy). Social security numbers
 *   (SY) and other identifiers are not kept.
 * - remit_line: SVC06 (the procedure as originally billed, when the payer recodes it) and REF*6R (the line
 *   item control number the provider sent).
 */
export const m0014: Migration = {
  version: 14,
  name: '0014_remittance_warnings',
  up(db) {
    // Each column only when missing: a store set back to an earlier user_version runs this again.
    const add = (table: string, col: string, decl: string) => addColumnIfMissing(db, table, col, decl);
    add('remittance', 'warnings_json', "TEXT NOT NULL DEFAULT '[]'");
    add('remit_claim', 'filing_indicator', 'TEXT');
    add('remit_claim', 'facility_type', 'TEXT');
    add('remit_claim', 'frequency', 'TEXT');
    add('remit_claim', 'refs_json', "TEXT NOT NULL DEFAULT '{}'");
    add('remit_line', 'billed_code_system', 'TEXT');
    add('remit_line', 'billed_code', 'TEXT');
    add('remit_line', 'billed_modifiers_json', "TEXT NOT NULL DEFAULT '[]'");
    add('remit_line', 'control_number', 'TEXT');
  },
};
