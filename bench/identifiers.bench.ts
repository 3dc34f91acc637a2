/**
 * Identifier detector throughput on MTSamples text (../shared/corpora/mtsamples), one core.
 * Skipped with a note when the corpus is absent. MB = 1e6 bytes of UTF-8 input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { detectIdentifiers } from '../electron/core/redaction/identifiers/index';
import { defaultLexicon } from '../electron/core/redaction/identifiers/lexicon';
import { mtsamplesNotes } from '../scripts/eval/csv';
import { corporaDir } from '../test/support/corpora';
import { round } from './stats';

export function identifiersBench(corpora = corporaDir()) {
  const file = path.join(corpora, 'mtsamples/mtsamples.csv');
  if (!fs.existsSync(file)) return { skipped: `${file} not found` };
  const notes = mtsamplesNotes(fs.readFileSync(file, 'utf8'));
  const bytes = notes.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const t0 = performance.now();
  const lex = defaultLexicon();
  const loadMs = performance.now() - t0;
  for (const t of notes.slice(0, 200)) detectIdentifiers(t, { lexicon: lex }); // warm-up
  const rates: number[] = [];
  let spans = 0;
  for (let run = 0; run < 3; run++) {
    spans = 0;
    const t = performance.now();
    for (const note of notes) spans += detectIdentifiers(note, { lexicon: lex }).length;
    rates.push(bytes / 1e6 / ((performance.now() - t) / 1000));
  }
  rates.sort((a, b) => a - b);
  return {
    documents: notes.length,
    MB: round(bytes / 1e6),
    lexicon_load_ms: round(loadMs),
    MB_per_s_median: round(rates[1]!),
    MB_per_s_runs: rates.map((r) => round(r)),
    spans_per_pass: spans,
  };
}
