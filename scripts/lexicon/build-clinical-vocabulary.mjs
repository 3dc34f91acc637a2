// Builds resources/identifiers/clinical-vocabulary.txt: the "safe words" side of the identifier finder,
// every word of the ICD-10-CM descriptions (CMS/NCHS order file, public domain) and the HCPCS Level II
// descriptions (CMS alpha-numeric file, public domain), lowercase, one a line, sorted.
//   node scripts/lexicon/build-clinical-vocabulary.mjs [CODE_SETS_DIR]   (default ../shared/corpora/code-sets)
// Proper nouns of the descriptions (eponyms and places: Becker, Parkinson, Lyme, Nile), words written
// with a capital inside a description and never in lower case, are left out: they are names, and the
// name and place lists decide about them. Any other word that is also a name (Cont, Neo) stays: the
// finder then takes it as a name only beside a name anchor (title, credential, relative, another name part).
import fs from 'node:fs';
import path from 'node:path';

const repo = path.resolve(new URL('../..', import.meta.url).pathname);
const dirs = [process.argv[2], path.join(repo, '../shared/corpora/code-sets'), path.join(repo, '../../shared/corpora/code-sets')].filter(Boolean);
const src = dirs.find((d) => fs.existsSync(path.join(d, 'icd10cm-order-Jan-2021.txt')));
if (!src) throw new Error(`code sets not found in ${dirs.join(', ')}`);

const counts = new Map();
const lowerSeen = new Set();
const add = (text) => {
  const found = text.match(/[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]/g) ?? [];
  found.forEach((raw) => {
    // a word in lower case, or any word of an all-capitals description, counts as a common word
    const common = raw === raw.toLowerCase() || raw === raw.toUpperCase();
    const w = raw.toLowerCase().replace(/'s$/, '');
    for (const part of [w, ...w.split('-')]) {
      if (part.length < 2 || part.length > 30) continue;
      counts.set(part, (counts.get(part) ?? 0) + 1);
      if (common) lowerSeen.add(part);
    }
  });
};
// ICD-10-CM order file: fixed columns, the short and long descriptions from column 16 on
for (const line of fs.readFileSync(path.join(src, 'icd10cm-order-Jan-2021.txt'), 'latin1').split('\n')) add(line.slice(16));
// HCPCS: code in the first columns, then the long and short descriptions; skip the disclaimer lines
for (const line of fs.readFileSync(path.join(src, 'HCPC2019_CONTR_ANWEB.txt'), 'latin1').split('\n')) {
  if (!/^\s*[A-Z]\d{4}/.test(line)) continue;
  add(line.replace(/^\s*[A-Z]\d{4}\d*/, '').slice(0, 400));
}
const words = [...counts.keys()].filter((w) => lowerSeen.has(w)).sort();
const out = path.join(repo, 'resources/identifiers/clinical-vocabulary.txt');
fs.writeFileSync(out, `# ICD-10-CM FY2021 and HCPCS Level II 2019 description words (CMS, public domain); built by scripts/lexicon/build-clinical-vocabulary.mjs\n${words.join('\n')}\n`);
console.log(`${words.length} words -> ${out}`);
