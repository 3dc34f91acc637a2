// Bundles the main process and the preload into dist/electron as CommonJS.
// The preload runs sandboxed, so it must be one self-contained file.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: false, logLevel: 'info' };

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist/electron/main.cjs',
  // OCR/PDF load worker scripts, WASM, language data and a native canvas from their packages at run time.
  external: ['electron', 'better-sqlite3-multiple-ciphers', 'tesseract.js', 'tesseract.js-core', '@tesseract.js-data/eng', 'pdfjs-dist', '@napi-rs/canvas'],
});
await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  external: ['electron'],
});
