import type { Migration } from '../migration';

/**
 * Physician (coding) queries and the coder's own preferences.
 *
 * A query's facts are stored as (document, section ordinal, offsets into that section's visible text, SHA-256 of
 * the text when it was selected) — never as text: the text is re-derived from the current view
 * whenever the query is shown or exported, and a fact whose section is masked now, or whose text
 * changed, is refused. The question and options are the coder's own words.
 *
 * Preferences are small non-PHI settings per user (e.g. the purpose to declare without asking).
 */
export const m0007: Migration = {
  version: 7,
  name: '0007_queries',
  up(db) {
    db.exec(`
      CREATE TABLE coding_query (
        id             INTEGER PRIMARY KEY,
        encounter_id   INTEGER NOT NULL REFERENCES encounter(id) ON DELETE CASCADE,
        author_id      INTEGER NOT NULL REFERENCES app_user(id),
        -- 'draft' | 'sent' | 'answered' | 'withdrawn'
        status         TEXT NOT NULL DEFAULT 'draft',
        question       TEXT NOT NULL DEFAULT '',
        options_json   TEXT NOT NULL DEFAULT '[]',
        provider_id    INTEGER REFERENCES practitioner(id) ON DELETE SET NULL,
        answer_option  TEXT,
        answer_note    TEXT,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        sent_at        TEXT,
        answered_at    TEXT,
        withdrawn_at   TEXT,
        export_count   INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX coding_query_encounter ON coding_query(encounter_id);
      CREATE INDEX coding_query_author ON coding_query(author_id, status);

      CREATE TABLE coding_query_fact (
        id           INTEGER PRIMARY KEY,
        query_id     INTEGER NOT NULL REFERENCES coding_query(id) ON DELETE CASCADE,
        ordinal      INTEGER NOT NULL,
        -- The section by (document, ordinal): a re-import replaces section rows but keeps their order.
        document_id  INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
        section_ordinal INTEGER NOT NULL,
        start        INTEGER NOT NULL,
        end          INTEGER NOT NULL,
        text_sha256  TEXT NOT NULL,
        UNIQUE (query_id, ordinal)
      ) STRICT;

      CREATE TABLE user_pref (
        user_id  INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        key      TEXT NOT NULL,
        value    TEXT NOT NULL,
        PRIMARY KEY (user_id, key)
      ) STRICT;
    `);
  },
};
