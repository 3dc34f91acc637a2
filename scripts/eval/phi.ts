/**
 * `npm run eval`: the identifier detector against two evaluation sets, scored at token level.
 *   synthetic_pii  Presidio's synthetic sentences (../shared/corpora/synthetic-pii), types mapped to ours
 *   mtsamples      MTSamples notes with surrogate identifiers inserted (../shared/corpora/mtsamples)
 * Each is split by a hash of the document id into dev (tune here) and heldout (report only).
 * Prints JSON. Options: --split dev|heldout|both (default both), --errors N (top misses and false
 * alarms on dev, to stderr), --limit N (documents per set).
 * Skips a corpus with a message when ../shared is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { detectIdentifiers } from '../../electron/core/redaction/identifiers/index';
import { defaultLexicon } from '../../electron/core/redaction/identifiers/lexicon';
import { STATE_NAMES } from '../../electron/core/redaction/identifiers/us-states';
import { Scorer } from './metrics';
import { loadMtSamples } from './transcribed-notes-set';
import { loadSyntheticPii } from './synthetic-pii';
import { split, type EvalDoc } from './types';

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'both' },
    errors: { type: 'string', default: '0' },
    limit: { type: 'string' },
    corpora: { type: 'string' },
  },
});
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const corpora = path.resolve(values.corpora ?? path.join(repo, '../shared/corpora'));
const limit = values.limit ? Number(values.limit) : Infinity;
const errors = Number(values.errors);
const parts = values.split === 'both' ? (['dev', 'heldout'] as const) : ([values.split as 'dev' | 'heldout'] as const);
const lex = defaultLexicon();

function run(docs: EvalDoc[], label: string) {
  const scorer = new Scorer();
  const lenient = new Scorer();
  let bytes = 0;
  const t = performance.now();
  for (const d of docs) {
    const spans = detectIdentifiers(d.text, { lexicon: lex });
    scorer.add(d, spans);
    if (d.sourcePhi) lenient.add({ ...d, gold: [...d.gold, ...d.sourcePhi] }, spans);
    bytes += Buffer.byteLength(d.text);
  }
  const seconds = (performance.now() - t) / 1000;
  if (errors > 0 && label.endsWith('dev')) {
    process.stderr.write(`\n== ${label}: top misses\n${scorer.top(scorer.falseNegatives, errors).map(([k, n]) => `${n}\t${k}`).join('\n')}\n`);
    process.stderr.write(`== ${label}: top false alarms\n${scorer.top(scorer.falsePositives, errors).map(([k, n]) => `${n}\t${k}`).join('\n')}\n`);
  }
  const extra = docs.some((d) => d.sourcePhi) ? { precision_source_phi_ignored: lenient.report().precision } : {};
  return { documents: docs.length, MB: Math.round(bytes / 1e4) / 100, seconds_incl_scoring: Math.round(seconds * 100) / 100, ...extra, ...scorer.report() };
}

const out: Record<string, unknown> = { corpora };
const synthFile = path.join(corpora, 'synthetic-pii/synth_dataset_v2.json');
if (fs.existsSync(synthFile)) {
  const notPhi = new Set([...lex.countries, ...STATE_NAMES, 'usa', 'us', 'uk', 'united states', 'america']);
  const all = loadSyntheticPii(synthFile, notPhi);
  for (const part of parts) out[`synthetic_pii_${part}`] = run(all.filter((d) => split(d.id) === part).slice(0, limit), `synthetic_pii_${part}`);
} else process.stderr.write(`skipping synthetic-pii: ${synthFile} not found\n`);

const mtsFile = path.join(corpora, 'mtsamples/mtsamples.csv');
if (fs.existsSync(mtsFile)) {
  for (const part of parts) out[`mtsamples_surrogates_${part}`] = run(loadMtSamples(mtsFile, lex, part, limit), `mtsamples_surrogates_${part}`);
} else process.stderr.write(`skipping mtsamples: ${mtsFile} not found\n`);

process.stdout.write(JSON.stringify(out, null, 2) + '\n');
