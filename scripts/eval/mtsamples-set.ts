/**
 * The MTSamples evaluation set: distinct MTSamples transcriptions with surrogate identifiers inserted
 * at sentence boundaries (and a header block in half of them), a quarter upper-cased. The only gold
 * spans are the inserted ones: PHI-like text already in a note (real town names, 'Dr. X') is not
 * annotated, so precision here is a lower bound.
 */
import fs from 'node:fs';
import { parseCsv } from './csv';
import { makeSlots, type Slot } from './surrogates';
import { HEADERS, SENTENCES } from './templates';
import { rng, split, type EvalDoc, type GoldSpan } from './types';
import type { Lexicon } from '../../electron/core/redaction/identifiers/lexicon';

function fill(template: string, slots: Record<string, Slot>, r: () => number, offset: number, gold: GoldSpan[]): string {
  let out = '';
  let last = 0;
  for (const m of template.matchAll(/\{([A-Z0-9]+)\}/g)) {
    out += template.slice(last, m.index);
    const slot = slots[m[1]!];
    if (!slot) throw new Error(`no slot ${m[1]}`);
    const value = slot.make(r);
    if (slot.type) gold.push({ start: offset + out.length, end: offset + out.length + value.length, type: slot.type });
    out += value;
    last = m.index + m[0].length;
  }
  return out + template.slice(last);
}

export function loadMtSamples(file: string, lex: Lexicon, part: 'dev' | 'heldout', limit = Infinity): EvalDoc[] {
  const rows = parseCsv(fs.readFileSync(file, 'utf8'));
  const header = rows[0]!;
  const col = header.indexOf('transcription');
  const seen = new Set<string>();
  const slots = makeSlots(lex);
  const docs: EvalDoc[] = [];
  for (const row of rows.slice(1)) {
    const note = row[col]?.trim();
    if (!note || seen.has(note)) continue;
    seen.add(note);
    const id = `mts-${seen.size}`;
    if (split(id) !== part) continue;
    if (docs.length >= limit) break;
    const r = rng(seen.size * 7919);
    const boundaries = [...note.matchAll(/[.!?]\s+(?=[A-Z])/g)].map((m) => m.index + m[0].length);
    const picks = new Set<number>();
    const k = 3 + Math.floor(r() * 4);
    for (let i = 0; i < k && boundaries.length; i++) picks.add(boundaries[Math.floor(r() * boundaries.length)]!);
    const gold: GoldSpan[] = [];
    let text = '';
    if (r() < 0.5) text += fill(HEADERS[part][Math.floor(r() * HEADERS[part].length)]!, slots, r, 0, gold);
    let last = 0;
    for (const b of [...picks].sort((a, c) => a - c)) {
      text += note.slice(last, b);
      const sentence = SENTENCES[part][Math.floor(r() * SENTENCES[part].length)]!;
      text += fill(sentence, slots, r, text.length, gold) + '  ';
      last = b;
    }
    text += note.slice(last);
    if (r() < 0.25 && text.toUpperCase().length === text.length) text = text.toUpperCase();
    docs.push({ id, text, gold });
  }
  return docs;
}
