import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli';
import { EXIT_CODES } from '../../../electron/cli/exit-codes';
import { APP_INFO } from '../../../electron/core/app-info';
import { createBackend } from '../../../electron/core/backend';
import { PSY_BODY, writeSampleChart, type SampleChart } from '../../support/charts';
import { newKey, tmpDir } from '../../support/tmp';

async function ntk(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {}, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function store(): { db: string; file: string; chart: SampleChart } {
  const dir = tmpDir();
  const { file, keys } = newKey(dir);
  const db = path.join(dir, 'r.ntk');
  const b = createBackend({ app: APP_INFO, store: { path: db, keys, create: true } });
  const chart = writeSampleChart(b.store.db);
  b.close();
  return { db, file, chart };
}

describe('ntk redact', () => {
  it('prints the coder view with documents expanded, masked text absent, and audits the opens', async () => {
    const { db, file, chart } = store();
    const r = await ntk(['redact', '--db', db, '--key-file', file, '--encounter', String(chart.encounterId), '--role', 'coder', '--purpose', 'inpatient_coding', '--json']);
    expect(r.code).toBe(0);
    const { value } = JSON.parse(r.stdout);
    expect(value.purpose).toBe('inpatient_coding');
    expect(value.documents).toHaveLength(1);
    const sections = value.documents[0].sections as Array<{ visibility: string; loinc?: string }>;
    expect(sections.filter((s) => s.visibility === 'masked')).toHaveLength(1);
    expect(sections.some((s) => s.loinc === '29762-2')).toBe(true);
    expect(r.stdout).not.toContain(PSY_BODY.slice(0, 30));
    expect(r.stdout).not.toContain('Okonkwo');

    const b = createBackend({ app: APP_INFO, store: { path: db, keys: (await import('../../../electron/core/db/keys')).keyFileKeySource(file) } });
    const events = b.store.db.prepare('SELECT event_type, username, purpose FROM audit_event ORDER BY seq').all() as Array<Record<string, string>>;
    b.close();
    expect(events.map((e) => e.event_type)).toEqual(['purpose.declare', 'chart.open', 'document.open']);
    expect(events.every((e) => e.username.startsWith('cli:') && e.purpose === 'inpatient_coding')).toBe(true);
  });

  it('refuses a purpose the role may not use, and bad options', async () => {
    const { db, file, chart } = store();
    const r = await ntk(['redact', '--db', db, '--key-file', file, '--encounter', String(chart.encounterId), '--role', 'biller', '--purpose', 'inpatient_coding', '--json']);
    expect(r.code).toBe(EXIT_CODES.FORBIDDEN);
    expect(JSON.parse(r.stdout).error.code).toBe('FORBIDDEN');
    expect((await ntk(['redact', '--db', db, '--key-file', file, '--encounter', 'x', '--role', 'coder', '--purpose', 'inpatient_coding'])).code).toBe(EXIT_CODES.USAGE);
    expect((await ntk(['redact', '--db', db, '--key-file', file, '--encounter', '1', '--role', 'coder', '--purpose', 'gossip'])).code).toBe(EXIT_CODES.USAGE);
    expect((await ntk(['redact', '--db', db, '--key-file', file, '--encounter', '1', '--role', 'coder', '--purpose', 'inpatient_coding', '--user', 'nobody'])).code).toBe(EXIT_CODES.NOT_FOUND);
  });
});
