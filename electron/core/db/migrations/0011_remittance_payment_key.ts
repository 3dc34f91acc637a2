import type { Migration } from '../migration';

/**
 * Remittances keyed by payment (payer|payee|TRN02, as parse-835's remittanceKey) instead of by
 * envelope (ISA13:GS06:ST02:TRN02), so a payment re-sent in a new envelope updates the stored one.
 * Where a store already holds such a re-sent payment twice, the latest copy takes the new key and
 * the earlier ones keep theirs: nothing is deleted here.
 */
const KEY = "coalesce(payer_id, payer_name, '-') || '|' || coalesce(payee_npi, payee_name, '-') || '|' || check_number";

export const m0011: Migration = {
  version: 11,
  name: '0011_remittance_payment_key',
  up(db) {
    // OR IGNORE: a row whose new key is already taken keeps its old one.
    db.exec(`
      UPDATE OR IGNORE remittance SET source_id = ${KEY}
      WHERE id IN (
        SELECT max(id) FROM remittance
        WHERE source_system = 'x12-835' AND check_number IS NOT NULL
        GROUP BY ${KEY}
      );
    `);
  },
};
