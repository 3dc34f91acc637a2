import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli';
import { testBackend } from '../../support/backend';
import { seedDemo } from '../../support/demo';

async function ntk(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {}, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('ntk reanalyze', () => {
  it('reports what is behind, re-analyses it with progress, and has nothing left to do after', async () => {
    const t = testBackend();
    seedDemo(t.backend, { patients: 3 });
    const docs = (t.backend.store.db.prepare('SELECT count(*) AS n FROM document').get() as { n: number }).n;
    t.backend.store.db.prepare("UPDATE document SET analyzer_version = 'older-engine'").run();
    t.backend.close();
    const base = ['--db', t.dbPath, '--key-file', path.join(t.dir, 'store.key'), '--json'];

    const before = await ntk(['reanalyze', '--status', ...base]);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout).value).toMatchObject({ pending: docs, documents: docs });

    const run = await ntk(['reanalyze', ...base]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).value).toMatchObject({ chartsDone: 3, chartsTotal: 3, documentsDone: docs, stopped: false, pending: 0 });
    expect(run.stderr).toContain('re-analysed 3/3 chart(s)');

    const again = await ntk(['reanalyze', ...base]);
    expect(JSON.parse(again.stdout).value).toMatchObject({ chartsTotal: 0, documentsDone: 0, pending: 0 });
    const all = await ntk(['reanalyze', '--all', ...base]);
    expect(JSON.parse(all.stdout).value).toMatchObject({ chartsTotal: 3, documentsDone: docs });
  });
});
