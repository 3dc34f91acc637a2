import { addColumnIfMissing, type Migration } from '../migration';

/**
 * Stored analysis follows the engine. Each document records the analyzer it was analysed with
 * (`analyzer_version`: a hash of the engine's version strings and word lists, see
 * core/chart/analyzer-version.ts) and a hash of what the store knew about its patient and care team
 * at the time (`known_sha`, core/chart/known-identifiers.ts); when either differs from today's, the
 * document is re-analysed (core/reanalysis/). Rows from before this step have neither and so are
 * re-analysed once.
 *
 * Re-analysis needs the inputs the importer gave: the document's codes (document-level labels) and
 * whether its sections came from the source (C-CDA) rather than the segmenter. NULL = not recorded
 * (older rows): codes are then taken from the encounter's conditions and the old labels kept; a
 * C-CDA document keeps its stored sections.
 *
 * Patients gain their contacts (relatives, guardians, emergency contacts: FHIR Patient.contact),
 * which chart-aware detection looks for in the patient's text.
 */
export const m0013: Migration = {
  version: 13,
  name: '0013_analyzer_version',
  up(db) {
    // Each column only when missing: a store set back to an earlier user_version runs this again.
    const add = (table: string, col: string, decl: string) => addColumnIfMissing(db, table, col, decl);
    add('document', 'analyzer_version', 'TEXT');
    add('document', 'known_sha', 'TEXT');
    add('document', 'codes_json', 'TEXT');
    add('document', 'source_sections', 'INTEGER');
    // JSON [{given, family, full, relationship, phone}]
    add('patient', 'contacts_json', "TEXT NOT NULL DEFAULT '[]'");
    db.exec('CREATE INDEX IF NOT EXISTS document_analyzer ON document(analyzer_version, patient_id)');
  },
};
