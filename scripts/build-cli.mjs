// @ts-check
// Bundles the `ntk` command line (electron/cli/bin.ts) into dist/cli/ntk.mjs: ESM with code splitting,
// so each command's code (store, PDF, OCR) sits in its own chunk (dist/cli/chunks/) and loads only
// when that command runs. Native and run-time-loaded packages stay external, as in build-electron.mjs.
// Also writes dist/cli/inputs.json (every source file with its size and mtime), which bin/ntk.mjs
// compares to rebuild a stale bundle before running it.
//
//   node scripts/build-cli.mjs            clean build into dist/cli
//   ... --if-possible                     the same, but a note instead of a failure without esbuild
//                                         (package.json "prepare": an install without devDependencies)
//   buildCli({ outdir, clean })           the same from code (bin/ntk.mjs, tests)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUTDIR = path.join(ROOT, 'dist/cli');
export const ENTRY = 'ntk.mjs';
export const INPUTS = 'inputs.json';

/** Loaded at run time from their packages (worker scripts, WASM, language data, native code). */
export const EXTERNAL = [
  'electron',
  'better-sqlite3-multiple-ciphers',
  'tesseract.js',
  'tesseract.js-core',
  '@tesseract.js-data/eng',
  'pdfjs-dist',
  '@napi-rs/canvas',
];

/** Files whose change makes a bundle stale besides its own inputs: the build itself and the installed packages. */
const EXTRA_INPUTS = ['scripts/build-cli.mjs', 'package.json', 'node_modules/.package-lock.json'];

// CommonJS packages bundled into ESM still call require() for Node built-ins; give every chunk one.
const BANNER = "import { createRequire as __ntkCreateRequire } from 'node:module'; const require = __ntkCreateRequire(import.meta.url);";

/**
 * @param {{ outdir?: string, clean?: boolean, logLevel?: import('esbuild').LogLevel }} [o]
 * @returns {Promise<{ entry: string, metafile: import('esbuild').Metafile }>}
 */
export async function buildCli(o = {}) {
  const outdir = o.outdir ?? DEFAULT_OUTDIR;
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [{ in: 'electron/cli/bin.ts', out: 'ntk' }],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    banner: { js: BANNER },
    external: EXTERNAL,
    sourcemap: false,
    metafile: true,
    write: false,
    logLevel: o.logLevel ?? 'warning',
  });
  if (o.clean) fs.rmSync(outdir, { recursive: true, force: true });
  fs.mkdirSync(path.join(outdir, 'chunks'), { recursive: true });
  // Chunks first (content-hashed names, so a running process never loses one), then the entry and the
  // input list, each written to a temporary name and renamed into place: a reader sees old or new.
  const files = [...result.outputFiles].sort((a, b) => Number(a.path.endsWith(ENTRY)) - Number(b.path.endsWith(ENTRY)));
  for (const f of files) atomicWrite(f.path, f.contents);
  const inputs = [...new Set([...Object.keys(result.metafile.inputs).filter((i) => !i.includes('node_modules/')), ...EXTRA_INPUTS])]
    .sort()
    .map((file) => ({ file, ...stamp(path.join(ROOT, file)) }));
  atomicWrite(path.join(outdir, INPUTS), JSON.stringify({ inputs }) + '\n');
  return { entry: path.join(outdir, ENTRY), metafile: result.metafile };
}

/**
 * Whether the bundle in `outdir` exists and every file it was built from still has the size and
 * mtime recorded at build time (a checkout, edit or `npm ci` changes them).
 * @param {string} [outdir]
 * @returns {boolean}
 */
export function isFresh(outdir = DEFAULT_OUTDIR) {
  /** @type {{ inputs: { file: string, size: number | null, mtimeMs: number | null }[] }} */
  let built;
  try {
    if (!fs.existsSync(path.join(outdir, ENTRY))) return false;
    built = JSON.parse(fs.readFileSync(path.join(outdir, INPUTS), 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(built?.inputs) || built.inputs.length === 0) return false;
  for (const i of built.inputs) {
    const s = fs.statSync(path.join(ROOT, i.file), { throwIfNoEntry: false });
    if ((s?.size ?? null) !== i.size || (s?.mtimeMs ?? null) !== i.mtimeMs) return false;
  }
  return true;
}

/**
 * Everything that loads when `entryPoint`'s output loads, following static imports only (dynamic
 * `import()` chunks load later, if ever): the bundled source files and the external packages.
 * @param {import('esbuild').Metafile} metafile
 * @param {string} entryPoint  a source path as esbuild names it, e.g. electron/cli/phi-commands.ts
 */
export function staticClosure(metafile, entryPoint) {
  const start = Object.keys(metafile.outputs).find((o) => metafile.outputs[o]?.entryPoint === entryPoint);
  if (!start) throw new Error(`no output for ${entryPoint}`);
  const byPath = new Map(Object.entries(metafile.outputs).map(([o, v]) => [path.resolve(ROOT, o), v]));
  /** @type {Set<string>} */ const inputs = new Set();
  /** @type {Set<string>} */ const externals = new Set();
  /** @type {Set<string>} */ const seen = new Set();
  const todo = [path.resolve(ROOT, start)];
  for (let o = todo.pop(); o !== undefined; o = todo.pop()) {
    if (seen.has(o)) continue;
    seen.add(o);
    const out = byPath.get(o);
    if (!out) continue;
    for (const i of Object.keys(out.inputs)) inputs.add(i);
    for (const i of out.imports) {
      if (i.kind !== 'import-statement') continue;
      if (i.external) externals.add(i.path);
      else todo.push(path.resolve(ROOT, i.path));
    }
  }
  return { inputs: [...inputs].sort(), externals: [...externals].sort() };
}

/**
 * Size and mtime of a file (null when absent): what the staleness check compares.
 * @param {string} file
 */
export function stamp(file) {
  try {
    const s = fs.statSync(file);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return { size: null, mtimeMs: null };
  }
}

/**
 * @param {string} file
 * @param {string | Uint8Array} data
 */
function atomicWrite(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--if-possible') && !(await import('esbuild').then(() => true, () => false))) {
    process.stdout.write('build-cli: esbuild is not installed; bin/ntk.mjs builds the CLI bundle when it can\n');
  } else {
    const { entry } = await buildCli({ clean: true, logLevel: 'info' });
    process.stdout.write(`built ${path.relative(ROOT, entry)}\n`);
  }
}
