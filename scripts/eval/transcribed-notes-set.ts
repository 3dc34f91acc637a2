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

/**
 * PHI-like text MTSamples itself still carries, found by simple rules independent of the detector:
 * its de-identification placeholders ('Dr. X', 'Mr. A', 'ABCD Hospital') and full dates. Used only for
 * the secondary figure `precision_source_phi_ignored`, never for recall.
 */
const SOURCE_PHI = [
  /\b(?:Dr|Mr|Mrs|Ms|Miss)\.?\s+[A-Z]{1,4}(?:'s)?\b/gi,
  /\b(?:ABCD?|XYZ|ABC|Abc|Xyz)(?:\s+(?:General\s+|Medical\s+|Memorial\s+)*(?:Hospital|Medical Center|Center|Clinic))?\b/g,
  /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g,
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b/gi,
];

export function sourcePhiSpans(note: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const re of SOURCE_PHI) for (const m of note.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
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
    const sourcePhi = sourcePhiSpans(note);
    const source: GoldSpan[] = [];
    const copy = (from: number, to: number) => {
      for (const p of sourcePhi) if (p.start >= from && p.end <= to) source.push({ start: text.length + p.start - from, end: text.length + p.end - from, type: 'IGNORE' });
      text += note.slice(from, to);
    };
    for (const b of [...picks].sort((a, c) => a - c)) {
      copy(last, b);
      const sentence = SENTENCES[part][Math.floor(r() * SENTENCES[part].length)]!;
      text += fill(sentence, slots, r, text.length, gold) + '  ';
      last = b;
    }
    copy(last, note.length);
    if (r() < 0.25 && text.toUpperCase().length === text.length) text = text.toUpperCase();
    docs.push({ id, text, gold, sourcePhi: source });
  }
  return docs;
}
