import type { Migration } from '../migration';

/**
 * The clinical and financial detail of a chart, filled by ingest and the demo generator:
 * demographics, practitioners and organizations, document text with its stored analysis
 * (sections with LOINC code and DS4P labels, identifier spans), structured codes, coverage,
 * claims and X12 835 remittances, and a log of imported files.
 *
 * Every imported row carries (source_system, source_id) so a re-import updates it in place.
 * JSON columns hold small arrays that are always read whole (labels, spans, modifiers).
 * The ingest log never stores a file's name or path (they often carry patient names): only
 * its SHA-256, size and format.
 */
export const m0005: Migration = {
  version: 5,
  name: '0005_chart_detail',
  up(db) {
    db.exec(`
      ALTER TABLE patient ADD COLUMN family_name TEXT;
      ALTER TABLE patient ADD COLUMN given_name TEXT;
      ALTER TABLE patient ADD COLUMN birth_date TEXT;
      ALTER TABLE patient ADD COLUMN sex TEXT;
      ALTER TABLE patient ADD COLUMN address_line TEXT;
      ALTER TABLE patient ADD COLUMN city TEXT;
      ALTER TABLE patient ADD COLUMN state TEXT;
      ALTER TABLE patient ADD COLUMN postal_code TEXT;
      ALTER TABLE patient ADD COLUMN phone TEXT;
      -- JSON array of flags the audit review uses: "VIP", "EMPLOYEE".
      ALTER TABLE patient ADD COLUMN flags_json TEXT NOT NULL DEFAULT '[]';

      CREATE TABLE practitioner (
        id            INTEGER PRIMARY KEY,
        source_system TEXT NOT NULL,
        source_id     TEXT NOT NULL,
        npi           TEXT,
        name          TEXT,
        UNIQUE (source_system, source_id)
      ) STRICT;

      CREATE TABLE organization (
        id            INTEGER PRIMARY KEY,
        source_system TEXT NOT NULL,
        source_id     TEXT NOT NULL,
        npi           TEXT,
        name          TEXT,
        kind          TEXT, -- 'provider' | 'payer' | other FHIR Organization.type
        UNIQUE (source_system, source_id)
      ) STRICT;

      ALTER TABLE encounter ADD COLUMN status TEXT;
      ALTER TABLE encounter ADD COLUMN type_system TEXT;
      ALTER TABLE encounter ADD COLUMN type_code TEXT;
      ALTER TABLE encounter ADD COLUMN type_display TEXT;
      ALTER TABLE encounter ADD COLUMN reason_display TEXT;
      ALTER TABLE encounter ADD COLUMN attending_id INTEGER REFERENCES practitioner(id) ON DELETE SET NULL;
      ALTER TABLE encounter ADD COLUMN facility_id INTEGER REFERENCES organization(id) ON DELETE SET NULL;
      -- Coding work state: 'open' | 'in_progress' | 'complete'.
      ALTER TABLE encounter ADD COLUMN coding_status TEXT NOT NULL DEFAULT 'open';
      ALTER TABLE encounter ADD COLUMN assigned_user_id INTEGER REFERENCES app_user(id) ON DELETE SET NULL;

      -- The text the redaction engine analysed (for scans: the OCR text, pages joined by form feeds).
      ALTER TABLE document ADD COLUMN text TEXT;
      -- 'fhir' | 'ccda' | 'text' | 'ocr' | 'pdf-text' | 'demo'
      ALTER TABLE document ADD COLUMN format TEXT;
      ALTER TABLE document ADD COLUMN author_id INTEGER REFERENCES practitioner(id) ON DELETE SET NULL;
      -- Mean OCR confidence (0-100) for scans; NULL otherwise.
      ALTER TABLE document ADD COLUMN ocr_confidence REAL;
      ALTER TABLE document ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0;
      -- Identifier spans found at import: JSON [{start,end,type,confidence}] over document.text.
      ALTER TABLE document ADD COLUMN identifiers_json TEXT NOT NULL DEFAULT '[]';
      -- Union of section labels and the labels of the document's codes (DS4P), JSON array.
      ALTER TABLE document ADD COLUMN labels_json TEXT NOT NULL DEFAULT '[]';
      -- Version of the analysis that produced the stored sections/spans (re-analyse when it rises).
      ALTER TABLE document ADD COLUMN analysis_version INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE document ADD COLUMN last_used_at TEXT;

      CREATE TABLE document_page (
        document_id    INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
        page_no        INTEGER NOT NULL,
        start          INTEGER NOT NULL, -- offsets of the page's text in document.text
        end            INTEGER NOT NULL,
        ocr_confidence REAL,
        low_confidence INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (document_id, page_no)
      ) STRICT;

      CREATE TABLE section (
        id           INTEGER PRIMARY KEY,
        document_id  INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
        ordinal      INTEGER NOT NULL,
        start        INTEGER NOT NULL,
        end          INTEGER NOT NULL,
        body_start   INTEGER NOT NULL,
        loinc        TEXT NOT NULL,
        title        TEXT NOT NULL,
        labels_json  TEXT NOT NULL DEFAULT '[]', -- DS4P labels of the section
        spans_json   TEXT NOT NULL DEFAULT '[]', -- SensitiveSpan[] (document offsets)
        UNIQUE (document_id, ordinal)
      ) STRICT;

      CREATE TABLE condition (
        id              INTEGER PRIMARY KEY,
        patient_id      INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
        encounter_id    INTEGER REFERENCES encounter(id) ON DELETE SET NULL,
        source_system   TEXT NOT NULL,
        source_id       TEXT NOT NULL,
        code_system     TEXT NOT NULL, -- 'ICD-10-CM' | 'SNOMED' | ... (see shared/code-systems.ts)
        code            TEXT NOT NULL,
        display         TEXT,
        category        TEXT,          -- 'encounter-diagnosis' | 'problem-list-item' | 'principal' ...
        clinical_status TEXT,
        onset_at        TEXT,
        recorded_at     TEXT,
        UNIQUE (source_system, source_id)
      ) STRICT;
      CREATE INDEX condition_encounter ON condition(encounter_id);
      CREATE INDEX condition_patient ON condition(patient_id);

      CREATE TABLE procedure_done (
        id            INTEGER PRIMARY KEY,
        patient_id    INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
        encounter_id  INTEGER REFERENCES encounter(id) ON DELETE SET NULL,
        source_system TEXT NOT NULL,
        source_id     TEXT NOT NULL,
        code_system   TEXT NOT NULL,
        code          TEXT NOT NULL,
        display       TEXT,
        performed_at  TEXT,
        UNIQUE (source_system, source_id)
      ) STRICT;
      CREATE INDEX procedure_encounter ON procedure_done(encounter_id);

      CREATE TABLE medication (
        id            INTEGER PRIMARY KEY,
        patient_id    INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
        encounter_id  INTEGER REFERENCES encounter(id) ON DELETE SET NULL,
        source_system TEXT NOT NULL,
        source_id     TEXT NOT NULL,
        kind          TEXT NOT NULL, -- 'request' | 'administration' | 'statement'
        code_system   TEXT NOT NULL,
        code          TEXT NOT NULL,
        display       TEXT,
        status        TEXT,
        dosage_text   TEXT,
        authored_at   TEXT,
        UNIQUE (source_system, source_id)
      ) STRICT;
      CREATE INDEX medication_encounter ON medication(encounter_id);

      CREATE TABLE observation (
        id             INTEGER PRIMARY KEY,
        patient_id     INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
        encounter_id   INTEGER REFERENCES encounter(id) ON DELETE SET NULL,
        source_system  TEXT NOT NULL,
        source_id      TEXT NOT NULL,
        category       TEXT,          -- 'laboratory' | 'vital-signs' | 'social-history' ...
        code_system    TEXT NOT NULL,
        code           TEXT NOT NULL,
        display        TEXT,
        value_text     TEXT,
        value_num      REAL,
        unit           TEXT,
        ref_low        REAL,
        ref_high       REAL,
        interpretation TEXT,          -- HL7 ObservationInterpretation: 'H' | 'L' | 'HH' | 'LL' | 'A' | 'N'
        effective_at   TEXT,
        UNIQUE (source_system, source_id)
      ) STRICT;
      CREATE INDEX observation_encounter ON observation(encounter_id);

      CREATE TABLE coverage (
        id            INTEGER PRIMARY KEY,
        patient_id    INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
        source_system TEXT NOT NULL,
        source_id     TEXT NOT NULL,
        payer_name    TEXT,
        payer_id      TEXT,
        member_id     TEXT,
        group_number  TEXT,
        plan_name     TEXT,
        period_start  TEXT,
        period_end    TEXT,
        UNIQUE (source_system, source_id)
      ) STRICT;
      CREATE INDEX coverage_patient ON coverage(patient_id);

      CREATE TABLE claim (
        id             INTEGER PRIMARY KEY,
        patient_id     INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE,
        encounter_id   INTEGER REFERENCES encounter(id) ON DELETE SET NULL,
        source_system  TEXT NOT NULL,
        source_id      TEXT NOT NULL,
        claim_number   TEXT NOT NULL, -- the provider's claim id (CLP01 in an 835)
        claim_type     TEXT,          -- 'institutional' | 'professional' | ...
        payer_name     TEXT,
        payer_id       TEXT,
        member_id      TEXT,
        billing_npi    TEXT,
        rendering_npi  TEXT,
        total_charge   REAL,
        service_start  TEXT,
        service_end    TEXT,
        created_at     TEXT,
        -- Denial work state: 'new' | 'in_work' | 'sent' | 'won' | 'lost'.
        work_status    TEXT NOT NULL DEFAULT 'new',
        diagnoses_json TEXT NOT NULL DEFAULT '[]', -- [{seq, system, code, display}] in claim order
        UNIQUE (source_system, source_id)
      ) STRICT;
      CREATE INDEX claim_number ON claim(claim_number);
      CREATE INDEX claim_patient ON claim(patient_id);

      CREATE TABLE claim_line (
        id             INTEGER PRIMARY KEY,
        claim_id       INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
        line_no        INTEGER NOT NULL,
        service_date   TEXT,
        code_system    TEXT,          -- 'CPT' | 'HCPCS' | 'ICD-10-PCS' | 'SNOMED' | 'NUBC-REV'
        code           TEXT,
        display        TEXT,
        modifiers_json TEXT NOT NULL DEFAULT '[]',
        units          REAL,
        charge         REAL,
        rendering_npi  TEXT,
        dx_pointers_json TEXT NOT NULL DEFAULT '[]',
        UNIQUE (claim_id, line_no)
      ) STRICT;

      CREATE TABLE remittance (
        id             INTEGER PRIMARY KEY,
        source_system  TEXT NOT NULL,
        source_id      TEXT NOT NULL,  -- ISA13/GS06/ST02 control numbers + TRN02
        payer_name     TEXT,
        payer_id       TEXT,
        payee_name     TEXT,
        payee_npi      TEXT,
        check_number   TEXT,           -- TRN02
        payment_amount REAL,
        payment_date   TEXT,
        production_date TEXT,
        file_sha256    TEXT,
        UNIQUE (source_system, source_id)
      ) STRICT;

      CREATE TABLE remit_claim (
        id              INTEGER PRIMARY KEY,
        remittance_id   INTEGER NOT NULL REFERENCES remittance(id) ON DELETE CASCADE,
        seq             INTEGER NOT NULL,
        claim_id        INTEGER REFERENCES claim(id) ON DELETE SET NULL, -- matched by claim number
        patient_id      INTEGER REFERENCES patient(id) ON DELETE CASCADE,
        claim_number    TEXT NOT NULL,  -- CLP01
        status_code     TEXT,           -- CLP02 (1 processed primary, 4 denied, 22 reversal ...)
        billed          REAL,           -- CLP03
        paid            REAL,           -- CLP04
        patient_resp    REAL,           -- CLP05
        payer_claim_control TEXT,       -- CLP07
        patient_name    TEXT,           -- NM1*QC, kept to match and show the minimum
        member_id       TEXT,           -- NM1*QC/IL id
        rendering_npi   TEXT,
        service_start   TEXT,
        service_end     TEXT,
        received_at     TEXT,
        rarc_json       TEXT NOT NULL DEFAULT '[]', -- MOA/MIA remark codes at claim level
        UNIQUE (remittance_id, seq)
      ) STRICT;
      CREATE INDEX remit_claim_number ON remit_claim(claim_number);
      CREATE INDEX remit_claim_claim ON remit_claim(claim_id);

      CREATE TABLE remit_line (
        id             INTEGER PRIMARY KEY,
        remit_claim_id INTEGER NOT NULL REFERENCES remit_claim(id) ON DELETE CASCADE,
        line_no        INTEGER NOT NULL,
        code_system    TEXT,            -- SVC01-1 qualifier: HC (CPT/HCPCS), NU (revenue code) ...
        code           TEXT,
        modifiers_json TEXT NOT NULL DEFAULT '[]',
        billed         REAL,
        paid           REAL,
        units          REAL,
        service_date   TEXT,
        rarc_json      TEXT NOT NULL DEFAULT '[]', -- LQ*HE remark codes
        UNIQUE (remit_claim_id, line_no)
      ) STRICT;

      CREATE TABLE remit_adjustment (
        id             INTEGER PRIMARY KEY,
        remit_claim_id INTEGER NOT NULL REFERENCES remit_claim(id) ON DELETE CASCADE,
        remit_line_id  INTEGER REFERENCES remit_line(id) ON DELETE CASCADE,
        group_code     TEXT NOT NULL,   -- CO | PR | OA | PI | CR
        carc           TEXT NOT NULL,
        amount         REAL NOT NULL,
        quantity       REAL
      ) STRICT;
      CREATE INDEX remit_adjustment_claim ON remit_adjustment(remit_claim_id);

      CREATE TABLE ingest_file (
        id           INTEGER PRIMARY KEY,
        sha256       TEXT NOT NULL,
        bytes        INTEGER NOT NULL,
        format       TEXT,
        outcome      TEXT NOT NULL, -- 'imported' | 'rejected'
        error_code   TEXT,
        counts_json  TEXT NOT NULL DEFAULT '{}',
        imported_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        user_id      INTEGER REFERENCES app_user(id) ON DELETE SET NULL
      ) STRICT;
    `);
  },
};
