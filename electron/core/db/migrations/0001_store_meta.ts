import type { Migration } from '../migration';

/** Marks the file as a Need-to-Know store: 'NTK1' in the header's application_id. */
export const NTK_APPLICATION_ID = 0x4e544b31;

export const m0001: Migration = {
  version: 1,
  name: '0001_store_meta',
  up(db) {
    db.pragma(`application_id = ${NTK_APPLICATION_ID}`);
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      INSERT INTO meta (key, value) VALUES
        ('store_id', lower(hex(randomblob(16)))),
        ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    `);
  },
};
