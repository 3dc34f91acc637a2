/**
 * Whole-process start-up of `ntk` (milliseconds, median of several runs, wall clock of the child):
 * the bundle with plain node (dist/cli/ntk.mjs), the launcher that checks it is fresh (bin/ntk.mjs),
 * `npm run --silent ntk` as evaluations call it, and the source through tsx as it ran before the
 * bundle. The bundle is built first when stale, outside the timings.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as build from '../scripts/build-cli.mjs';
import { median, round } from './stats';

const NOTE = 'Pt John Smith (MRN 4471234) seen 3/4/2020 by Dr. Alvarez at Mercy Hospital. HR 88, BP 120/80 on 2L NC. Plan: f/u 2 wks.';

function timeCommand(cmd: string, args: string[], runs: number): { median_ms: number; min_ms: number; runs_ms: number[] } {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { cwd: build.ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20 });
    const elapsed = performance.now() - t;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    ms.push(elapsed);
  }
  // The minimum is the figure least disturbed by other load on a shared machine.
  return { median_ms: round(median(ms)), min_ms: round(Math.min(...ms)), runs_ms: ms.map((m) => round(m, 1)) };
}

export async function startupBench(runs = 7) {
  const t = performance.now();
  const rebuilt = !build.isFresh();
  if (rebuilt) await build.buildCli({ logLevel: 'error' });
  const buildMs = round(performance.now() - t);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ntk-startup-'));
  try {
    const one = path.join(dir, 'one.jsonl');
    fs.writeFileSync(one, JSON.stringify({ id: 'n1', text: NOTE }) + '\n');
    const many = path.join(dir, 'many.jsonl');
    fs.writeFileSync(many, Array.from({ length: 1000 }, (_, i) => JSON.stringify({ id: i, text: NOTE })).join('\n') + '\n');
    const bundle = path.join(build.DEFAULT_OUTDIR, build.ENTRY);
    const launcher = path.join(build.ROOT, 'bin/ntk.mjs');
    const tsx = path.join(build.ROOT, 'node_modules/.bin/tsx');
    const node = process.execPath;
    return {
      bundle_rebuilt_before_timing: rebuilt,
      bundle_build_ms: rebuilt ? buildMs : null,
      node_noop: timeCommand(node, ['-e', '0'], runs),
      bundle_help: timeCommand(node, [bundle, '--help'], runs),
      bundle_phi_scan_one_note: timeCommand(node, [bundle, 'phi', 'scan', '--jsonl', one], runs),
      bundle_sections_one_note: timeCommand(node, [bundle, 'sections', '--jsonl', one], runs),
      bundle_phi_scan_1000_notes: timeCommand(node, [bundle, 'phi', 'scan', '--jsonl', many], 3),
      launcher_help: timeCommand(node, [launcher, '--help'], runs),
      launcher_phi_scan_one_note: timeCommand(node, [launcher, 'phi', 'scan', '--jsonl', one], runs),
      npm_run_help: timeCommand('npm', ['run', '--silent', 'ntk', '--', '--help'], runs),
      npm_run_phi_scan_one_note: timeCommand('npm', ['run', '--silent', 'ntk', '--', 'phi', 'scan', '--jsonl', one], runs),
      // How `npm run ntk` ran before the bundle: the source transpiled by tsx on every run.
      tsx_source_phi_scan_one_note: fs.existsSync(tsx) ? timeCommand(tsx, ['electron/cli.ts', 'phi', 'scan', '--jsonl', one], 3) : { skipped: 'tsx not installed' },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
