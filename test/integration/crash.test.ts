import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/core/audit/verify';
import { Store } from '../../electron/core/db/store';
import { newKey, tmpDir } from '../support/tmp';

const here = path.dirname(fileURLToPath(import.meta.url));
const writer = path.join(here, 'fixtures', 'crash-writer.ts');
const auditWriter = path.join(here, 'fixtures', 'audit-crash-writer.ts');
const ROUNDS = 20;
const ROWS_PER_TXN = 5;

/** Starts the writer, kills it with SIGKILL at a random moment, returns the acknowledged transaction numbers. */
function runAndKill(dbPath: string, keyFile: string, start: number, killAfterMs: number, script = writer): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, dbPath, keyFile, String(start)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: number[] = [];
    let buf = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else if (line.startsWith('ack ')) acks.push(Number(line.slice(4)));
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended without being killed: ${stderr}`));
      else resolve(acks);
    });
  });
}

describe('crash safety', () => {
  it(`keeps every acknowledged transaction and no partial one across ${ROUNDS} SIGKILLs`, async () => {
    const dir = tmpDir();
    const { file: keyFile, keys } = newKey(dir);
    const dbPath = path.join(dir, 'crash.ntk');
    Store.open({ path: dbPath, keys, create: true }).close();

    let next = 0;
    let totalAcked = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const acks = await runAndKill(dbPath, keyFile, next, 20 + Math.floor(Math.random() * 250));
      totalAcked += acks.length;
      const store = Store.open({ path: dbPath, keys });
      try {
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = store.db
          .prepare("SELECT mrn, count(*) AS n FROM patient WHERE source_system = 'crash' GROUP BY mrn")
          .all() as { mrn: string; n: number }[];
        const perTxn = new Map(rows.map((r) => [Number(r.mrn.slice(1)), r.n]));
        for (const n of perTxn.values()) expect(n).toBe(ROWS_PER_TXN); // none half-written
        for (const a of acks) expect(perTxn.get(a)).toBe(ROWS_PER_TXN); // every acknowledged one is there
        const docs = store.db.prepare("SELECT count(*) AS n FROM document WHERE source_system = 'crash'").get() as { n: number };
        expect(docs.n).toBe(perTxn.size * ROWS_PER_TXN);
        next = Math.max(next, ...perTxn.keys()) + 1;
      } finally {
        store.close();
      }
    }
    expect(totalAcked).toBeGreaterThan(ROUNDS); // the writer really committed work before each kill
  }, 180_000);

  it('after each SIGKILL of an audit writer, verify proves every acknowledged record (a head is signed on every commit)', async () => {
    const dir = tmpDir();
    const { file: keyFile, keys } = newKey(dir);
    const dbPath = path.join(dir, 'audit-crash.ntk');
    Store.open({ path: dbPath, keys, create: true }).close();
    let acked = 0;
    for (let round = 0; round < 8; round++) {
      const acks = await runAndKill(dbPath, keyFile, 0, 30 + Math.floor(Math.random() * 200), auditWriter);
      acked += acks.length;
      const store = Store.open({ path: dbPath, keys, readonly: true });
      try {
        const report = verifyAudit(store.db, store.auditKey, store.path);
        const lastAck = Math.max(0, ...acks);
        // Nothing broken; everything acknowledged is proven; at most the commit in flight at the kill is unproven.
        if (!report.ok) expect(report.broken).toMatchObject({ kind: 'unverifiable' });
        expect(report.checkpointSeq).toBeGreaterThanOrEqual(lastAck);
        expect(report.lastSeq - report.checkpointSeq!).toBeLessThanOrEqual(2);
      } finally {
        store.close();
      }
    }
    expect(acked).toBeGreaterThan(8);
  }, 120_000);
});
