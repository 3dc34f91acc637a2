/**
 * The bundled `ntk` (scripts/build-cli.mjs → dist/…/ntk.mjs, run with plain node): the same output
 * as the source CLI for the commands evaluations and scripts run, resources found from the bundle's
 * own location (run from another working directory), start-up that loads no store, PDF or OCR code,
 * and a bundle that is rebuilt when what it was built from changes.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli';
import { APP_INFO } from '../../electron/core/app-info';
import { createBackend } from '../../electron/core/backend';
import { seedClaim } from '../support/billing';
import { fhirBundle } from '../support/ingest-fixtures';
import { parsePdf } from '../support/pdf-text';
import { newKey, tmpDir } from '../support/tmp';
import * as build from '../../scripts/build-cli.mjs';

type Built = Awaited<ReturnType<typeof build.buildCli>>;

const run = promisify(execFile);
// Two folders below the checkout, like dist/cli, so the bundle finds resources/ the way it does there.
const outdir = path.join(build.ROOT, 'dist', `cli-test-${process.pid}`);
let built: Built;

beforeAll(async () => {
  built = await build.buildCli({ outdir, clean: true, logLevel: 'error' });
}, 60_000);
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** Runs the bundle with plain node from a folder that is not the checkout. */
async function bundled(args: string[], env: NodeJS.ProcessEnv = {}) {
  const clean = { ...process.env, ...env };
  delete clean.NTK_RESOURCES_DIR;
  delete clean.NTK_FONT_DIR;
  const r = await run(process.execPath, [built.entry, ...args], { cwd: os.tmpdir(), env: clean, maxBuffer: 64 << 20 }).catch(
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  return { code: 'code' in r && typeof r.code === 'number' ? r.code : 0, stdout: r.stdout.replace(/\n$/, ''), stderr: r.stderr };
}

async function inProcess(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {}, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const NOTES = [
  { id: 'n1', text: 'Pt John Smith (MRN 4471234) seen 3/4/2020 by Dr. Alvarez at Mercy Hospital, Springfield. Call 555-201-3344.' },
  { id: 2, text: 'HISTORY OF PRESENT ILLNESS: cough.\nSOCIAL HISTORY: denies alcohol; uses heroin.\nMEDICATIONS: buprenorphine.' },
];

describe('bundled ntk', () => {
  it('prints the same as the source CLI for phi scan, sections, deid and --help, from any working directory', async () => {
    const dir = tmpDir();
    const jsonl = path.join(dir, 'notes.jsonl');
    fs.writeFileSync(jsonl, NOTES.map((n) => JSON.stringify(n)).join('\n') + '\n');
    const plain = path.join(dir, 'note.txt');
    fs.writeFileSync(plain, NOTES.map((n) => n.text).join('\n\n'));
    for (const args of [
      ['phi', 'scan', '--jsonl', jsonl],
      ['phi', 'scan', plain],
      ['sections', '--jsonl', jsonl],
      ['sections', '--spans', plain],
      ['deid', '--patient-key', 'k1', plain],
      ['--help'],
    ]) {
      const [a, b] = await Promise.all([bundled(args), inProcess(args)]);
      expect({ args, code: a.code, stderr: a.stderr }).toEqual({ args, code: b.code, stderr: '' });
      expect(a.stdout, args.join(' ')).toBe(b.stdout);
    }
    expect(JSON.parse((await bundled(['phi', 'scan', '--jsonl', jsonl])).stdout.split('\n')[0]!).spans.length).toBeGreaterThan(2);
  }, 60_000);

  it('opens a store: init, import, encounters, audit export, and a usage error with its exit code', async () => {
    const dir = tmpDir();
    const { file } = newKey(dir);
    const db = path.join(dir, 'b.ntk');
    const key = ['--db', db, '--key-file', file];
    expect((await bundled(['init', ...key, '--json'])).code).toBe(0);
    const input = path.join(dir, 'bundle.json');
    fs.writeFileSync(input, JSON.stringify(fhirBundle()));
    const imported = await bundled(['import', ...key, input, '--json', '--quiet']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).value).toMatchObject({ imported: 1, counts: { patient: 1, encounter: 1 } });
    const [a, b] = [await bundled(['encounters', ...key, '--json']), await inProcess(['encounters', ...key, '--json'])];
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).value).toHaveLength(1);
    const audit = await bundled(['audit', 'export', ...key, '--format', 'fhir-ndjson']);
    expect(audit.code).toBe(0);
    expect(audit.stdout.split('\n').map((l) => JSON.parse(l).resourceType)).toContain('AuditEvent');
    const bad = await bundled(['encounters', ...key, '--patient', 'x']);
    expect(bad.code).toBe((await inProcess(['encounters', ...key, '--patient', 'x'])).code);
    expect(bad.code).toBe(64);
  }, 60_000);

  it('builds a dispute packet PDF (pdf-lib and the DejaVu fonts found from the bundle) and redacts an encounter', async () => {
    const dir = tmpDir();
    const { file, keys } = newKey(dir);
    const db = path.join(dir, 'p.ntk');
    const backend = createBackend({ app: APP_INFO, store: { path: db, keys, create: true } });
    const seeded = seedClaim(backend.store.db, { index: 0, remitDate: '2025-11-20' });
    backend.close();
    const key = ['--db', db, '--key-file', file];
    const out = path.join(dir, 'packet.pdf');
    const course = String(seeded.sections['HOSPITAL COURSE']);
    const r = await bundled(['packet', 'build', ...key, '--claim', seeded.claimNumber, '--out', out, '--excerpt', course, '--reason', 'Documents the stent', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).value).toMatchObject({ claimNumber: seeded.claimNumber, excerpts: [expect.objectContaining({ section: 'HOSPITAL COURSE' })] });
    const text = (await parsePdf(fs.readFileSync(out))).pages.flat().join('\n');
    expect(text).toContain('drug-eluting stent');
    const args = ['redact', ...key, '--encounter', String(seeded.encounterId), '--role', 'coder', '--purpose', 'inpatient_coding'];
    const [a, b] = [await bundled(args), await inProcess(args)];
    expect(a.code).toBe(0);
    // Handles (d_…, s_…, r_…) are random per session; everything else is the same view.
    const handles = (t: string) => t.replace(/"[a-z]_[\w-]{16}"/g, '"handle"');
    expect(JSON.parse(handles(a.stdout))).toEqual(JSON.parse(handles(b.stdout)));
    expect(a.stdout).toContain('HOSPITAL COURSE');
  }, 60_000);

  it('starts without loading the store, PDF or OCR code; only commands that need them load them', () => {
    const heavy = (c: { inputs: string[]; externals: string[] }) => [
      ...c.externals.filter((e) => /better-sqlite3|pdfjs|tesseract|@napi-rs\/canvas/.test(e)),
      ...c.inputs.filter((i) => /node_modules\/(pdf-lib|@pdf-lib|pdfjs-dist|tesseract|fast-xml-parser)\/|electron\/core\/(db\/store|backend)\.ts$/.test(i)),
    ];
    for (const light of ['electron/cli/bin.ts', 'electron/cli/phi-commands.ts', 'electron/cli/sections-command.ts', 'electron/cli/deid-command.ts']) {
      expect({ light, heavy: heavy(build.staticClosure(built.metafile, light)) }).toEqual({ light, heavy: [] });
    }
    // Start-up proper (usage, argument parsing) does not even load the schema library.
    expect(build.staticClosure(built.metafile, 'electron/cli/bin.ts').inputs.filter((i) => i.includes('node_modules/'))).toEqual([]);
    // The check sees heavy modules where they are: opening a store loads SQLite.
    expect(heavy(build.staticClosure(built.metafile, 'electron/cli/store-commands.ts'))).toContain('better-sqlite3-multiple-ciphers');
  });

  it('is rebuilt when it is missing or a file it was built from changed', async () => {
    expect(build.isFresh(outdir)).toBe(true);
    const list = path.join(outdir, 'inputs.json');
    const saved = fs.readFileSync(list, 'utf8');
    const inputs = JSON.parse(saved) as { inputs: { file: string; size: number | null; mtimeMs: number | null }[] };
    expect(inputs.inputs.map((i) => i.file)).toEqual(expect.arrayContaining(['electron/cli.ts', 'electron/core/redaction/identifiers/index.ts', 'resources/lexicon/sections.json', 'package.json']));
    // As if electron/cli.ts had been edited since the build.
    const edited = { inputs: inputs.inputs.map((i) => (i.file === 'electron/cli.ts' ? { ...i, mtimeMs: (i.mtimeMs ?? 0) - 1000 } : i)) };
    fs.writeFileSync(list, JSON.stringify(edited));
    expect(build.isFresh(outdir)).toBe(false);
    fs.writeFileSync(list, saved);
    fs.rmSync(built.entry);
    expect(build.isFresh(outdir)).toBe(false);
    built = await build.buildCli({ outdir, logLevel: 'error' });
    expect(build.isFresh(outdir)).toBe(true);
    expect((await bundled(['--help'])).stdout).toMatch(/^usage: ntk/);
  }, 60_000);
});
