import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli';
import { EXIT_CODES } from '../../../electron/cli/exit-codes';
import { APP_INFO } from '../../../electron/core/app-info';
import { createBackend } from '../../../electron/core/backend';
import { writeDemo } from '../../../electron/core/ingest/synthetic';
import { testBackend } from '../../support/backend';
import { newKey, tmpDir } from '../../support/tmp';

async function ntk(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {}, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('ntk demo', () => {
  it('writes demo charts, prints counts without PHI and audits demo.generate', async () => {
    const dir = tmpDir();
    const { file, keys } = newKey(dir);
    const db = path.join(dir, 'store.ntk');
    expect((await ntk(['init', '--db', db, '--key-file', file])).code).toBe(0);
    const r = await ntk(['demo', '--db', db, '--key-file', file, '--patients', '4', '--seed', '21', '--big-chart', '30', '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out) as { ok: true; value: { patients: number; counts: Record<string, number>; canaries: number } };
    expect(summary.ok).toBe(true);
    expect(summary.value.patients).toBe(4);
    expect(summary.value.counts.patient).toBe(4);
    expect(summary.value.counts.document).toBeGreaterThanOrEqual(30);
    expect(summary.value.canaries).toBeGreaterThan(0);

    // The same seed written directly names the secrets: none of them is in the output.
    const t = testBackend();
    const secrets = writeDemo(t.backend.store.db, { patients: 4, seed: 21, bigChartDocuments: 30 }).secrets;
    t.backend.close();
    for (const s of secrets) expect(r.out.includes(s) || r.err.includes(s), 'secret in CLI output').toBe(false);

    const human = await ntk(['demo', '--db', db, '--key-file', file, '--patients', '4', '--seed', '21']);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/wrote demo data for 4 patients/);

    const backend = createBackend({ app: APP_INFO, store: { path: db, keys } });
    try {
      const events = backend.store.db.prepare("SELECT username, action, detail FROM audit_event WHERE event_type = 'demo.generate'").all() as Array<{ username: string; action: string; detail: string }>;
      expect(events).toHaveLength(2);
      expect(events[0]!.username).toMatch(/^cli:/);
      expect(JSON.parse(events[0]!.detail)).toMatchObject({ patients: 4, seed: 21, bigChartDocuments: 30 });
      expect((backend.store.db.prepare('SELECT count(*) AS n FROM patient').get() as { n: number }).n).toBe(4);
    } finally {
      backend.close();
    }
  });

  it('usage errors', async () => {
    const dir = tmpDir();
    const { file } = newKey(dir);
    const db = path.join(dir, 'store.ntk');
    await ntk(['init', '--db', db, '--key-file', file]);
    expect((await ntk(['demo', '--db', db, '--key-file', file, '--patients', 'many'])).code).toBe(EXIT_CODES.USAGE);
    expect((await ntk(['demo', '--db', db, '--key-file', file, '--patients', '0'])).code).toBe(EXIT_CODES.USAGE);
  });
});
