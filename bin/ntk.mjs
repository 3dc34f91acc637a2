#!/usr/bin/env node
// @ts-check
// `ntk` (package.json "bin"; `npm run ntk` runs this too): runs the bundled command line in
// dist/cli/ntk.mjs with plain node, first rebuilding it (scripts/build-cli.mjs, esbuild) when it is
// missing or any file it was built from has changed since (size or mtime, from dist/cli/inputs.json).
// `npm ci` builds it ("prepare"); a checkout without that builds on its first run.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCli, DEFAULT_OUTDIR, ENTRY, isFresh } from '../scripts/build-cli.mjs';

if (!isFresh()) await buildCli({ logLevel: 'error' });
await import(pathToFileURL(path.join(DEFAULT_OUTDIR, ENTRY)).href);
