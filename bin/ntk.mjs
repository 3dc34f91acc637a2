#!/usr/bin/env node
// @ts-check
// `ntk` (package.json "bin"; `npm run ntk` runs this too): runs the bundled command line in
// dist/cli/ntk.mjs with plain node, first rebuilding it (scripts/build-cli.mjs, esbuild) when it is
// missing or any file it was built from has changed since (size or mtime, from dist/cli/inputs.json).
// `npm ci` builds it ("prepare"); a checkout without that builds on its first run. When a rebuild is
// impossible (no esbuild, read-only checkout) an existing bundle still runs, with a warning.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCli, DEFAULT_OUTDIR, ENTRY, isFresh } from '../scripts/build-cli.mjs';

const entry = path.join(DEFAULT_OUTDIR, ENTRY);
if (!isFresh()) {
  try {
    await buildCli({ logLevel: 'error' });
  } catch (e) {
    if (!fs.existsSync(entry)) throw e;
    process.stderr.write(`ntk: could not rebuild ${path.relative(process.cwd(), entry)} (${/** @type {Error} */ (e).message.split('\n')[0]}); running the existing bundle\n`);
  }
}
await import(pathToFileURL(entry).href);
