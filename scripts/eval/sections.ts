/**
 * `npm run eval:sections`: how well the section classifier and segmenter do on real headers.
 *
 *  - C-CDA (../shared/corpora/ccda-hl7-examples): every <section>'s <title> against its own LOINC
 *    <code> — an independent gold standard. `C-CDAV2-DDN` (the C-CDA discharge-diagnosis
 *    placeholder) counts as 11535-2; non-LOINC codes (DICOM 1210xx) are out of domain.
 *  - MTSamples (../shared/corpora/mtsamples/mtsamples.csv): each distinct note is segmented; every
 *    header the segmenter accepts is checked against scripts/eval/transcribed-header-gold.json (hand-assigned
 *    codes for the frequent headers), and the most common headers that came out `unknown` are listed.
 *
 * "In domain" = the true code is one the lexicon can produce. Prints one JSON object.
 * Reads ../shared only when present; never copies anything from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyHeader } from '../../electron/core/redaction/sections/classifier';
import { defaultSectionLexicon } from '../../electron/core/redaction/sections/lexicon';
import { normalizeHeader } from '../../electron/core/redaction/sections/normalize';
import { segment } from '../../electron/core/redaction/sections/segmenter';
import gold from './transcribed-header-gold.json';
import { mtsamplesNotes } from './csv';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpora = path.resolve(repo, '../shared/corpora');
const lex = defaultSectionLexicon();
const EQUIVALENT: Record<string, string> = { 'C-CDAV2-DDN': '11535-2' };
const isLoinc = (c: string) => /^\d{1,7}-\d$/.test(c);
const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 10000 : null);

function xmlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? xmlFiles(p) : /\.xml$/i.test(e.name) ? [p] : [];
  });
}

function ccdaTitles(xml: string): { title: string; code: string }[] {
  const out: { title: string; code: string }[] = [];
  const text = xml.replace(/<!--[\s\S]*?-->/g, '');
  const re = /<section\b[^>]*>([\s\S]*?)<title>([\s\S]*?)<\/title>/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const code = /<code\b[^>]*\bcode="([^"]+)"/.exec(m[1]!)?.[1];
    if (code) out.push({ title: m[2]!.replace(/\s+/g, ' ').trim(), code: EQUIVALENT[code] ?? code });
  }
  return out;
}

function evalCcda() {
  const files = xmlFiles(path.join(corpora, 'ccda-hl7-examples'));
  if (!files.length) return { present: false };
  let titles = 0, loinc = 0, loincCorrect = 0, inDomain = 0, correct = 0;
  const misses: { title: string; expected: string; got: string }[] = [];
  const outOfDomain: Record<string, number> = {};
  for (const f of files) {
    for (const { title, code } of ccdaTitles(fs.readFileSync(f, 'utf8'))) {
      titles++;
      if (!isLoinc(code)) continue;
      loinc++;
      const got = classifyHeader(title, lex);
      if (got === code) loincCorrect++;
      if (!lex.codes.has(code)) {
        outOfDomain[`${code} ${title}`] = (outOfDomain[`${code} ${title}`] ?? 0) + 1;
        continue;
      }
      inDomain++;
      if (got === code) correct++;
      else misses.push({ title, expected: code, got });
    }
  }
  return { present: true, files: files.length, titles, loincTitles: loinc, inDomain, correct, accuracy: ratio(correct, inDomain), allLoincAccuracy: ratio(loincCorrect, loinc), misses, outOfDomain };
}

function evalMtsamples() {
  const file = path.join(corpora, 'mtsamples', 'mtsamples.csv');
  if (!fs.existsSync(file)) return { present: false };
  const notes = mtsamplesNotes(fs.readFileSync(file, 'utf8'));
  const goldMap = gold.gold as Record<string, string | null>;
  let headers = 0, unknown = 0, inDomain = 0, correct = 0, goldCovered = 0;
  const unknownCounts = new Map<string, number>();
  const missCounts = new Map<string, number>();
  for (const note of notes) {
    for (const s of segment(note, { lexicon: lex })) {
      if (!s.title) continue;
      headers++;
      const key = normalizeHeader(s.title);
      if (s.loinc === 'unknown') {
        unknown++;
        unknownCounts.set(key, (unknownCounts.get(key) ?? 0) + 1);
      }
      if (!(key in goldMap)) continue;
      goldCovered++;
      const expected = goldMap[key];
      if (!expected || !lex.codes.has(expected)) continue;
      inDomain++;
      if (s.loinc === expected) correct++;
      else missCounts.set(`${key} → ${s.loinc} (gold ${expected})`, (missCounts.get(`${key} → ${s.loinc} (gold ${expected})`) ?? 0) + 1);
    }
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([header, count]) => ({ header, count }));
  return {
    present: true,
    notes: notes.length,
    headers,
    unknownHeaders: unknown,
    unknownShare: ratio(unknown, headers),
    goldCoverage: ratio(goldCovered, headers),
    inDomain,
    correct,
    accuracy: ratio(correct, inDomain),
    misses: top(missCounts, 15),
    topUnknown: top(unknownCounts, 30),
  };
}

const ccda = evalCcda();
const mtsamples = evalMtsamples();
const target = 0.95;
const accs = [ccda, mtsamples].map((r) => ('accuracy' in r ? r.accuracy : null)).filter((a): a is number => a !== null);
process.stdout.write(JSON.stringify({ corpora, target, meetsTarget: accs.length ? accs.every((a) => a >= target) : null, ccda, mtsamples }, null, 2) + '\n');
