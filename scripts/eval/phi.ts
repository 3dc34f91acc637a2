/**
 * `npm run eval`: the identifier finder on every evaluation set, at both operating points (disclosure:
 * recall first; viewing: what chart views mask) from one detection pass.
 *   nursing_notes_tune / _check  real ICU nursing notes, PhysioNet deid dev part (../shared/corpora/physionet-deid-dev),
 *                                split by patient; tune on tune only, check is reported
 *   mtsamples_surrogates_dev / _heldout  MTSamples notes with surrogate identifiers inserted
 *   synthetic_pii_dev / _heldout  Presidio's synthetic sentences, types mapped to ours
 * Every set is scored as the reference scorer (deid's stat.pm) does: a gold PHI is found when any
 * predicted span overlaps it, category-blind; per-type recall (by gold type) and precision (by
 * predicted type), and the top error classes. The surrogate sets also keep their token-level figures.
 * Prints JSON on stdout and a summary table on stderr. Options: --split (tune|check|dev|heldout|all),
 * --errors N (N examples of each top error class of the tune/dev sets, to stderr), --limit N, --corpora DIR.
 * Skips a corpus with a message when ../shared is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { IdentifierSpan } from '../../shared/identifier-types';
import { detectIdentifiers } from '../../electron/core/redaction/identifiers/index';
import { defaultLexicon } from '../../electron/core/redaction/identifiers/lexicon';
import { atOperatingPoint, DEFAULT_THRESHOLDS, OPERATING_POINTS } from '../../electron/core/redaction/identifiers/operating-points';
import { STATE_NAMES } from '../../electron/core/redaction/identifiers/us-states';
import { defaultPolicy } from '../../electron/core/redaction/policy/index';
import { corporaDir } from '../../test/support/corpora';
import { Scorer } from './metrics';
import { loadNursingNotes, nursingPart } from './nursing-notes-set';
import { OverlapScorer, type OverlapGold } from './overlap-metrics';
import { loadMtSamples } from './transcribed-notes-set';
import { loadSyntheticPii } from './synthetic-pii';
import { split, type EvalDoc } from './types';

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'all' },
    errors: { type: 'string', default: '0' },
    limit: { type: 'string' },
    corpora: { type: 'string' },
  },
});
const corpora = path.resolve(values.corpora ?? corporaDir());
const limit = values.limit ? Number(values.limit) : Infinity;
const errors = Number(values.errors);
const want = (part: string) => values.split === 'all' || values.split === part;
const lex = defaultLexicon();
const thresholds = { ...DEFAULT_THRESHOLDS, ...(defaultPolicy().identifierOperatingPoints ?? {}) };

interface Doc {
  id: string;
  text: string;
  gold: OverlapGold[];
  neutral: { start: number; end: number }[];
  token?: EvalDoc;
}

function run(docs: Doc[], label: string, tuning: boolean) {
  const spansOf: IdentifierSpan[][] = [];
  let bytes = 0;
  const t = performance.now();
  for (const d of docs) {
    spansOf.push(detectIdentifiers(d.text, { lexicon: lex, minConfidence: 0 }));
    bytes += Buffer.byteLength(d.text);
  }
  const seconds = (performance.now() - t) / 1000;
  const result: Record<string, unknown> = { documents: docs.length, MB: Math.round(bytes / 1e4) / 100, detect_seconds: Math.round(seconds * 100) / 100 };
  for (const point of OPERATING_POINTS) {
    const overlap = new OverlapScorer();
    const token = new Scorer();
    docs.forEach((d, i) => {
      const spans = atOperatingPoint(spansOf[i]!, point, thresholds);
      overlap.add(d.text, d.gold, spans, d.neutral);
      if (d.token) token.add(d.token, spans);
    });
    const report = overlap.report();
    const tokenReport = docs.some((d) => d.token) ? token.report() : undefined;
    result[point] = { threshold: thresholds[point], ...report, ...(tokenReport ? { token_level: { recall: tokenReport.recall, precision: tokenReport.precision, per_type: tokenReport.per_type } } : {}) };
    summary.push(`${label.padEnd(28)} ${point.padEnd(10)} recall ${report.recall.toFixed(3)}  precision ${report.precision.toFixed(3)}  (gold ${report.gold}, predicted ${report.predicted})`);
    if (errors > 0 && tuning) {
      const show = (title: string, m: Map<string, { n: number; examples: string[] }>) => {
        process.stderr.write(`\n== ${label} ${point}: ${title}\n`);
        for (const [k, v] of [...m.entries()].sort((a, b) => b[1].n - a[1].n).slice(0, errors)) process.stderr.write(`${v.n}\t${k}\t${v.examples.join('  |  ')}\n`);
      };
      show('misses', overlap.missClasses);
      show('false alarms', overlap.alarmClasses);
    }
  }
  return result;
}

const summary: string[] = [];
const out: Record<string, unknown> = { corpora, thresholds };

const deidDir = path.join(corpora, 'physionet-deid-dev');
if (fs.existsSync(path.join(deidDir, 'id.text'))) {
  const notes = loadNursingNotes(deidDir);
  for (const part of ['tune', 'check'] as const) {
    if (!want(part)) continue;
    const docs = notes
      .filter((n) => nursingPart(n.patient) === part)
      .slice(0, limit)
      .map((n): Doc => ({ id: n.id, text: n.text, gold: n.gold, neutral: [] }));
    out[`nursing_notes_${part}`] = { patients: new Set(docs.map((d) => d.id.split('-')[0])).size, ...run(docs, `nursing_notes_${part}`, part === 'tune') };
  }
} else process.stderr.write(`skipping physionet-deid-dev: ${deidDir} not found\n`);

const fromEval = (d: EvalDoc): Doc => ({
  id: d.id,
  text: d.text,
  gold: d.gold.filter((g) => g.type !== 'IGNORE').map((g) => ({ start: g.start, end: g.end, category: g.type })),
  neutral: [...d.gold.filter((g) => g.type === 'IGNORE'), ...(d.sourcePhi ?? [])],
  token: d,
});

const mtsFile = path.join(corpora, 'mtsamples/mtsamples.csv');
if (fs.existsSync(mtsFile)) {
  for (const part of ['dev', 'heldout'] as const) {
    if (want(part)) out[`mtsamples_surrogates_${part}`] = run(loadMtSamples(mtsFile, lex, part, limit).map(fromEval), `mtsamples_surrogates_${part}`, part === 'dev');
  }
} else process.stderr.write(`skipping mtsamples: ${mtsFile} not found\n`);

const synthFile = path.join(corpora, 'synthetic-pii/synth_dataset_v2.json');
if (fs.existsSync(synthFile)) {
  const notPhi = new Set([...lex.countries, ...STATE_NAMES, 'usa', 'us', 'uk', 'united states', 'america']);
  const all = loadSyntheticPii(synthFile, notPhi);
  for (const part of ['dev', 'heldout'] as const) {
    if (want(part)) out[`synthetic_pii_${part}`] = run(all.filter((d) => split(d.id) === part).slice(0, limit).map(fromEval), `synthetic_pii_${part}`, part === 'dev');
  }
} else process.stderr.write(`skipping synthetic-pii: ${synthFile} not found\n`);

process.stdout.write(JSON.stringify(out, null, 2) + '\n');
process.stderr.write(`\n${summary.join('\n')}\n`);
