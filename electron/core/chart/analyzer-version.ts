/**
 * The version of the analysis engine, as one short string stored with every analysed document:
 * a hash of the engine's own version numbers (analyze-document, chart-known) and of the data it
 * runs on (the section and sensitivity lexicons, every identifier word list). Change a word list
 * or raise a version and every stored document is re-analysed (core/reanalysis/).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sections from '../../../resources/lexicon/sections.json' with { type: 'json' };
import sensitivity from '../../../resources/lexicon/sensitivity.json' with { type: 'json' };
import { ANALYSIS_VERSION } from '../redaction/analyze-document';
import { CHART_KNOWN_VERSION } from '../redaction/identifiers/chart-known';
import { resourceDir } from '../redaction/identifiers/lexicon';

/** What goes into the version, by part (for `ntk reanalyze --json` and tests). */
export function analyzerParts(wordListDir = resourceDir()): Record<string, string> {
  const parts: Record<string, string> = {
    analysis: String(ANALYSIS_VERSION),
    chartKnown: String(CHART_KNOWN_VERSION),
    sections: sha(JSON.stringify(sections)),
    sensitivity: sha(JSON.stringify(sensitivity)),
  };
  for (const f of fs.readdirSync(wordListDir).sort()) {
    const full = path.join(wordListDir, f);
    if (!f.endsWith('.md') && fs.statSync(full).isFile()) parts[`identifiers/${f}`] = sha(fs.readFileSync(full));
  }
  return parts;
}

export function versionOf(parts: Record<string, string>): string {
  return sha(JSON.stringify(Object.entries(parts).sort(([a], [b]) => (a < b ? -1 : 1)))).slice(0, 16);
}

let cached: string | undefined;

/** Today's analyzer version (computed once per process). */
export function analyzerVersion(): string {
  cached ??= versionOf(analyzerParts());
  return cached;
}

function sha(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
