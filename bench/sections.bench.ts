/**
 * Section analysis throughput (segment + classify + DS4P tag), MB/s of UTF-8 text on one core,
 * over the distinct MTSamples notes when ../shared/corpora is present, else over generated notes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeSections } from '../electron/core/redaction/analyze-sections';
import { segment } from '../electron/core/redaction/sections/segmenter';
import { mtsamplesNotes } from '../scripts/eval/csv';
import { round } from './stats';

const MTSAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/corpora/mtsamples/mtsamples.csv');

function generatedNotes(count: number): string[] {
  const parts = [
    'CHIEF COMPLAINT:, Chest pain.',
    'HISTORY OF PRESENT ILLNESS:, The patient is a 58-year-old man with hypertension who presents with two days of chest pressure. He denies alcohol use and illicit drugs.',
    'PAST MEDICAL HISTORY:, Hypertension, hyperlipidemia, depression on sertraline.',
    'SOCIAL HISTORY:, Former smoker. No IV drug use.',
    'FAMILY HISTORY:, Mother had breast cancer; sister BRCA1 positive.',
    'PHYSICAL EXAMINATION:, VITAL SIGNS: BP: 142/88, pulse 92. HEENT: Normal. LUNGS: Clear. HEART: Regular.',
    'ASSESSMENT AND PLAN:, 1. Chest pain, rule out ACS. 2. Continue sertraline. Follow up in 2 weeks.',
  ];
  return Array.from({ length: count }, (_, i) => parts.slice(0, 3 + (i % 5)).join(',') + ` Visit ${i}.`);
}

function mbPerSecond(notes: string[], fn: (t: string) => unknown, bytes: number, minMs = 1500): number {
  for (const n of notes.slice(0, 200)) fn(n); // warm up
  let runs = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (const n of notes) fn(n);
    runs++;
    elapsed = performance.now() - t0;
  } while (elapsed < minMs);
  return round((bytes * runs) / 1e6 / (elapsed / 1000));
}

export function sectionsBench() {
  const fromCorpus = fs.existsSync(MTSAMPLES);
  const notes = fromCorpus ? mtsamplesNotes(fs.readFileSync(MTSAMPLES, 'utf8')) : generatedNotes(3000);
  const bytes = notes.reduce((s, n) => s + Buffer.byteLength(n), 0);
  let sections = 0;
  for (const n of notes) sections += analyzeSections(n).sections.length;
  return {
    corpus: fromCorpus ? 'mtsamples (distinct notes)' : 'generated',
    notes: notes.length,
    mb: round(bytes / 1e6),
    sections,
    segment_classify_mb_per_s: mbPerSecond(notes, (t) => segment(t), bytes),
    segment_classify_tag_mb_per_s: mbPerSecond(notes, (t) => analyzeSections(t), bytes),
  };
}
