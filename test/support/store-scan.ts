/**
 * Looking for leftover plaintext in a store: through SQL (every text column of every table), in
 * the raw file and its WAL, and in every page of the file decrypted by hand (free pages included).
 */
import { createDecipheriv } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database as DB } from 'better-sqlite3-multiple-ciphers';
import { deriveSubkey, type KeySource } from '../../electron/core/db/keys';

/** Canaries found in any column of any table. */
export function sqlHits(db: DB, canaries: readonly string[]): string[] {
  const hits: string[] = [];
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const t of tables) {
    for (const row of db.prepare(`SELECT * FROM "${t}"`).raw(true).iterate() as IterableIterator<unknown[]>) {
      for (const v of row) {
        const s = typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('latin1') : '';
        for (const c of canaries) if (s.includes(c)) hits.push(`${t}:${c}`);
      }
    }
  }
  return hits;
}

/** Canaries found as plaintext bytes (UTF-8) in the given files. */
export function rawHits(files: readonly string[], canaries: readonly string[]): string[] {
  const hits: string[] = [];
  for (const f of files) {
    if (!fs.existsSync(f)) continue;
    const bytes = fs.readFileSync(f);
    for (const c of canaries) if (bytes.includes(Buffer.from(c, 'utf8'))) hits.push(`${path.basename(f)}:${c}`);
  }
  return hits;
}

export const bytesHits = (bytes: Buffer, canaries: readonly string[]): string[] => canaries.filter((c) => bytes.includes(Buffer.from(c, 'utf8')));

/**
 * Decrypts every page of a SQLCipher 4 file by hand (AES-256-CBC, raw key, 4096-byte pages with
 * an 80-byte reserve holding the IV and HMAC; page 1 starts with the 16-byte salt), free pages
 * included, with no help from SQLite. Returns the concatenated plaintext pages.
 */
export function decryptPages(file: string, keys: KeySource, dbPath = file, pageSize = 4096, reserve = 80): Buffer {
  const key = deriveSubkey(keys.masterKey(dbPath, 'open'), 'db');
  const raw = fs.readFileSync(file);
  const out: Buffer[] = [];
  for (let off = 0; off + pageSize <= raw.length; off += pageSize) {
    const page = raw.subarray(off, off + pageSize);
    const start = off === 0 ? 16 : 0;
    const iv = page.subarray(pageSize - reserve, pageSize - reserve + 16);
    const d = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    out.push(d.update(page.subarray(start, pageSize - reserve)), d.final());
  }
  key.fill(0);
  return Buffer.concat(out);
}
