import type { Migration } from '../migration';

/**
 * Dispute packets and the accounting of disclosures (45 CFR 164.528).
 *
 * - packet: one row per exported dispute packet, with the SHA-256 of the exact file that left the
 *   workstation, who prepared and approved it, and the allow-list of data elements it carried.
 * - packet_excerpt: the documentation excerpts a packet carried (section, span offsets in the
 *   visible text, the one-line reason). Never the excerpt text itself: it can be re-derived.
 * - disclosure: the accounting of disclosures. patient_id deliberately has no foreign key so the
 *   accounting outlives a chart purge (the rule asks for six years). `exception` marks disclosures
 *   under purposes that lift the minimum-necessary test (treatment, patient request, ...).
 */
export const m0008: Migration = {
  version: 8,
  name: '0008_packets_disclosures',
  up(db) {
    db.exec(`
      CREATE TABLE packet (
        id               INTEGER PRIMARY KEY,
        claim_id         INTEGER REFERENCES claim(id) ON DELETE SET NULL,
        patient_id       INTEGER NOT NULL,
        claim_number     TEXT NOT NULL,
        created_at       TEXT NOT NULL,
        purpose          TEXT NOT NULL,
        recipient        TEXT NOT NULL,
        prepared_by      INTEGER REFERENCES app_user(id) ON DELETE SET NULL,
        prepared_by_name TEXT NOT NULL,
        approved_by_name TEXT NOT NULL,
        pages            INTEGER NOT NULL,
        bytes            INTEGER NOT NULL,
        sha256           TEXT NOT NULL,
        elements_json    TEXT NOT NULL DEFAULT '[]', -- data elements included (allow-list names)
        identifiers_json TEXT NOT NULL DEFAULT '{}', -- counts by identifier type the check listed
        transport        TEXT NOT NULL               -- 'app' | 'cli'
      ) STRICT;
      CREATE INDEX packet_claim ON packet(claim_id);
      CREATE INDEX packet_patient ON packet(patient_id);

      CREATE TABLE packet_excerpt (
        id          INTEGER PRIMARY KEY,
        packet_id   INTEGER NOT NULL REFERENCES packet(id) ON DELETE CASCADE,
        ordinal     INTEGER NOT NULL,
        document_id INTEGER,
        section_id  INTEGER,
        loinc       TEXT,
        span_start  INTEGER, -- offsets in the section's visible text (NULL: the whole section)
        span_end    INTEGER,
        reason      TEXT NOT NULL,
        UNIQUE (packet_id, ordinal)
      ) STRICT;

      CREATE TABLE disclosure (
        id               INTEGER PRIMARY KEY,
        patient_id       INTEGER NOT NULL,
        disclosed_at     TEXT NOT NULL,
        recipient        TEXT NOT NULL,
        purpose          TEXT NOT NULL,
        exception        INTEGER NOT NULL DEFAULT 0,
        description      TEXT NOT NULL, -- what PHI was disclosed (element names, not values)
        excerpt_ids_json TEXT NOT NULL DEFAULT '[]',
        packet_id        INTEGER REFERENCES packet(id) ON DELETE SET NULL,
        user_id          INTEGER REFERENCES app_user(id) ON DELETE SET NULL,
        username         TEXT,
        file_sha256      TEXT
      ) STRICT;
      CREATE INDEX disclosure_patient ON disclosure(patient_id, disclosed_at);
    `);
  },
};
