import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli';
import { fhirBundle } from '../../support/ingest-fixtures';
import { newKey, tmpDir } from '../../support/tmp';

async function ntk(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {}, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function store() {
  const dir = tmpDir();
  const { file } = newKey(dir);
  const db = path.join(dir, 'cli.ntk');
  expect((await ntk(['init', '--db', db, '--key-file', file])).code).toBe(0);
  return { dir, db, key: ['--db', db, '--key-file', file] };
}

describe('ntk import / patients / encounters', () => {
  it('imports files, prints a JSON summary on stdout and progress on stderr', async () => {
    const s = await store();
    const input = path.join(s.dir, 'in');
    fs.mkdirSync(input);
    fs.writeFileSync(path.join(input, 'bundle.json'), JSON.stringify(fhirBundle()));
    const r = await ntk(['import', ...s.key, input, '--json']);
    expect(r.code).toBe(0);
    const value = JSON.parse(r.stdout).value;
    expect(value).toMatchObject({ files: 1, imported: 1, rejected: [], counts: { patient: 1, encounter: 1, claim: 1 }, skipped: { CarePlan: 1 } });
    expect(value.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(r.stderr).toMatch(/import: 1\/1 files/);

    const patients = JSON.parse((await ntk(['patients', ...s.key, '--json'])).stdout).value;
    expect(patients).toEqual([expect.objectContaining({ sourceSystem: 'fhir', mrn: 'MRN-4471', birthYear: '1961', encounters: 1, documents: 2, conditions: 1, claims: 1 })]);
    expect(JSON.stringify(patients)).not.toMatch(/Quillfeather|Juniper|Elm St/);
    const encounters = JSON.parse((await ntk(['encounters', ...s.key, '--patient', String(patients[0].id), '--json'])).stdout).value;
    expect(encounters).toEqual([expect.objectContaining({ classCode: 'IMP', type: 'Hospital admission', periodStart: '2026-03-01T08:00:00Z', documents: 2, conditions: 1, procedures: 1, claims: 1 })]);
    expect((await ntk(['encounters', ...s.key, '--patient', 'x'])).code).toBe(64);
  });

  it('exits 65 and lists the rejected files with reasons, still importing the rest', async () => {
    const s = await store();
    const a = path.join(s.dir, 'a.json');
    const b = path.join(s.dir, 'b.json');
    fs.writeFileSync(a, JSON.stringify(fhirBundle()));
    fs.writeFileSync(b, '{"resourceType":"Basic"}');
    const r = await ntk(['import', ...s.key, b, a]);
    expect(r.code).toBe(65);
    expect(r.stdout).toMatch(/imported 1 of 2 files/);
    expect(r.stdout).toMatch(/rejected b\.json: FHIR resource type Basic is not supported.*\(BAD_INPUT\)/);
    expect((await ntk(['import', ...s.key])).code).toBe(64);
    expect((await ntk(['import', ...s.key, a, '--map', 'bogus'])).code).toBe(64);
  });
});
