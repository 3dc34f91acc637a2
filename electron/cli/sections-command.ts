/**
 * `ntk sections [--jsonl] [--spans] FILE|-`: the section analysis of plain text.
 *   plain:   the whole input is one note → {"sections":[{"start","end","loinc","title","labels"}]}
 *   --jsonl: one {"id","text"} per line   → one {"id","sections"} per line
 *   --spans: each section also lists its sensitive spans (offsets, labels, negated, experiencer).
 * Reads the file (or stdin for `-`); prints nothing but the JSON.
 */
import fs from 'node:fs';
import { analyzeSections } from '../core/redaction/analyze-sections';
import type { AnalyzedSection } from '../core/redaction/types';
import { UsageError } from './options';

export interface SectionsArgs {
  input: string | undefined;
  jsonl: boolean;
  spans: boolean;
}

function project(sections: AnalyzedSection[], spans: boolean) {
  return sections.map((s) => {
    const base = { start: s.start, end: s.end, loinc: s.loinc, title: s.title, labels: s.labels };
    return spans ? { ...base, spans: s.spans } : base;
  });
}

export function readInput(input: string | undefined, readStdin: () => string = () => fs.readFileSync(0, 'utf8')): string {
  if (!input) throw new UsageError('sections: FILE or - (stdin) is required.');
  return input === '-' ? readStdin() : fs.readFileSync(input, 'utf8');
}

/** The output lines for `text` (one line, or one per JSONL record). */
export function sectionsCommand(text: string, args: Pick<SectionsArgs, 'jsonl' | 'spans'>): string[] {
  if (!args.jsonl) return [JSON.stringify({ sections: project(analyzeSections(text).sections, args.spans) })];
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      throw new UsageError(`sections --jsonl: line ${i + 1} is not JSON.`);
    }
    const { id, text: note } = (rec ?? {}) as { id?: unknown; text?: unknown };
    if (typeof note !== 'string') throw new UsageError(`sections --jsonl: line ${i + 1} has no "text" string.`);
    out.push(JSON.stringify({ id: id ?? null, sections: project(analyzeSections(note).sections, args.spans) }));
  }
  return out;
}
