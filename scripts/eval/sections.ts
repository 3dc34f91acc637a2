/**
 * `npm run eval:sections`: how well the section classifier and segmenter do on real headers.
 *
 *  - C-CDA (../shared/corpora/ccda-hl7-examples): every <section>'s <title> against its own LOINC
 *    <code> — an independent gold standard — per section and per distinct title (each distinct
 *    title/code pair once, so a frequent easy title does not hide rare missed ones).
 *    `C-CDAV2-DDN` (the C-CDA discharge-diagnosis placeholder) counts as 11535-2, and the
 *    translation codes R2.1 requires beside a section's own code count as that code (42347-5 for
 *    Admission Diagnosis 46241-6, 75311-1 for Discharge Medications 10183-2: older examples put the
 *    translation first); non-LOINC codes (DICOM 1210xx) are out of domain.
 *  - The C-CDA R2.1 section list (test/fixtures/ccda-r21-sections.json, assembled from the spec):
 *    every template's spec titles against its section code. Needs no corpus.
 *  - MTSamples (../shared/corpora/mtsamples/mtsamples.csv): each distinct note is segmented; every
 *    header the segmenter accepts is checked against scripts/eval/transcribed-header-gold.json (hand-assigned
 *    codes for the frequent headers), and the most common headers that came out `unknown` are listed.
 *
 * "In domain" = the true code is one the lexicon can produce. Prints one JSON object.
 * Reads ../shared only when present; never copies anything from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { classifyHeader } from '../../electron/core/redaction/sections/classifier';
import { defaultSectionLexicon } from '../../electron/core/redaction/sections/lexicon';
import { normalizeHeader } from '../../electron/core/redaction/sections/normalize';
import { segment } from '../../electron/core/redaction/sections/segmenter';
import gold from './transcribed-header-gold.json';
import specList from '../../test/fixtures/ccda-r21-sections.json';
import { mtsamplesNotes } from './csv';
import { corporaDir } from '../../test/support/corpora';

const corpora = corporaDir();
const lex = defaultSectionLexicon();
const EQUIVALENT: Record<string, string> = { 'C-CDAV2-DDN': '11535-2', ...Object.fromEntries(lex.translations) };
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
  const distinct = new Map<string, boolean>();
  const outOfDomain: Record<string, number> = {};
  for (const f of files) {
    for (const { title, code } of ccdaTitles(fs.readFileSync(f, 'utf8'))) {
      titles++;
      if (!isLoinc(code)) continue;
      loinc++;
      const got = classifyHeader(title, lex);
      if (got === code) loincCorrect++;
      distinct.set(`${normalizeHeader(title)}|${code}`, got === code);
      if (!lex.codes.has(code)) {
        outOfDomain[`${code} ${title}`] = (outOfDomain[`${code} ${title}`] ?? 0) + 1;
        continue;
      }
      inDomain++;
      if (got === code) correct++;
      else misses.push({ title, expected: code, got });
    }
  }
  const distinctCorrect = [...distinct.values()].filter(Boolean).length;
  return {
    present: true,
    files: files.length,
    titles,
    loincTitles: loinc,
    inDomain,
    correct,
    accuracy: ratio(correct, inDomain),
    allLoincAccuracy: ratio(loincCorrect, loinc),
    distinctTitles: distinct.size,
    distinctCorrect,
    distinctAccuracy: ratio(distinctCorrect, distinct.size),
    misses,
    outOfDomain,
  };
}

/** The spec's own section list: each template's titles against its section code. */
export function evalSpecList() {
  const entries = [...specList.sections, ...specList.laterVersions];
  let titles = 0, correct = 0;
  const misses: { template: string; title: string; expected: string; got: string }[] = [];
  for (const e of entries) {
    for (const title of e.titles) {
      titles++;
      const got = classifyHeader(title, lex);
      if (got === e.code) correct++;
      else misses.push({ template: e.template, title, expected: e.code, got });
    }
  }
  return { templates: entries.length, titles, correct, accuracy: ratio(correct, titles), misses };
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
      const raw = goldMap[key];
      const expected = raw ? (EQUIVALENT[raw] ?? raw) : raw;
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
const ccdaR21 = evalSpecList();
const target = 0.95;
const accs = [
  'accuracy' in ccda ? ccda.accuracy : null,
  'distinctAccuracy' in ccda ? ccda.distinctAccuracy : null,
  'accuracy' in mtsamples ? mtsamples.accuracy : null,
  ccdaR21.accuracy,
].filter((a): a is number => a !== null);
process.stdout.write(JSON.stringify({ corpora, target, meetsTarget: accs.every((a) => a >= target), ccdaR21, ccda, mtsamples }, null, 2) + '\n');
