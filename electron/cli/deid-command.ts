/**
 * `ntk deid [--patient-key KEY] [--keep-providers] [--jsonl] FILE|-`: Safe Harbor de-identification
 * of plain text with consistent surrogates (electron/core/redaction/deid/).
 *   plain:   the whole input is one document of one patient; prints the de-identified text
 *   --jsonl: one {"id","text","patient"?} per line → one {"id","text"} per line; records with the
 *            same "patient" share surrogates and date offset
 * Without --patient-key the seed is random per run (consistent within the run only).
 */
import fs from 'node:fs';
import { Deidentifier } from '../core/redaction/deid';
import type { CliCommand } from './command';
import { readAllStdin } from './stdin';
import { UsageError } from './options';
import { deidSpec } from './command-specs';

export const deidCommand: CliCommand = {
  ...deidSpec,
  run: async (ctx) => {
    const [file, ...extra] = ctx.args;
    if (!file) throw new UsageError('deid needs FILE, or - for standard input.');
    if (extra.length) throw new UsageError(`Unexpected argument: ${extra[0]}`);
    const input = file === '-' ? await (ctx.readStdin ?? readAllStdin)() : fs.readFileSync(file, 'utf8');
    const d = new Deidentifier({ seed: ctx.values['patient-key'] as string | undefined, keepProviders: ctx.values['keep-providers'] === true });
    if (!ctx.values.jsonl) {
      const r = d.deidentify(input);
      return { value: { text: r.text, replaced: r.replacements.length }, text: r.text };
    }
    const out: Array<{ id: unknown; text: string }> = [];
    input.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let rec: { id?: unknown; text?: unknown; patient?: unknown };
      try {
        rec = JSON.parse(line);
      } catch {
        throw new UsageError(`deid --jsonl: line ${i + 1} is not JSON.`);
      }
      if (typeof rec.text !== 'string') throw new UsageError(`deid --jsonl: line ${i + 1} has no "text" string.`);
      out.push({ id: rec.id ?? null, text: d.deidentify(rec.text, rec.patient === undefined ? '' : String(rec.patient)).text });
    });
    return { value: out, text: out.map((o) => JSON.stringify(o)).join('\n') };
  },
};
