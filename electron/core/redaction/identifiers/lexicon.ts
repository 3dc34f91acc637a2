/**
 * The word lists the identifier detector reads from resources/identifiers/ (see its README):
 * names, places, street names, countries, common English words, the clinical stop-list and the
 * clinical vocabulary (ICD-10-CM and HCPCS description words).
 * Loaded once into Sets; pass your own Lexicon to detectIdentifiers() in tests or tools.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Lexicon {
  firstNames: Set<string>;
  lastNames: Set<string>;
  places: Set<string>;
  streetNames: Set<string>;
  countries: Set<string>;
  commonWords: Set<string>;
  clinicalStop: Set<string>;
  /** Every word of the ICD-10-CM and HCPCS descriptions: ambiguous as a name or place without an anchor. */
  clinicalWords: Set<string>;
  /** Longest entry of places / street names, in words. */
  maxPlaceWords: number;
}

const FILES = {
  firstNames: 'first-names.txt',
  lastNames: 'last-names.txt',
  places: 'places.txt',
  streetNames: 'street-names.txt',
  countries: 'countries.txt',
  commonWords: 'common-words.txt',
  clinicalStop: 'clinical-stop.txt',
  clinicalWords: 'clinical-vocabulary.txt',
} as const;

function candidateDirs(): string[] {
  const dirs: string[] = [];
  if (process.env.NTK_RESOURCES_DIR) dirs.push(path.join(process.env.NTK_RESOURCES_DIR, 'identifiers'));
  try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    dirs.push(path.resolve(here, '../../../../resources/identifiers'));
  } catch {
    // bundled as CommonJS: import.meta.url is not available
  }
  dirs.push(path.resolve(process.cwd(), 'resources/identifiers'));
  return dirs;
}

export function resourceDir(): string {
  const dirs = candidateDirs();
  const found = dirs.find((d) => fs.existsSync(path.join(d, FILES.firstNames)));
  if (!found) throw new Error(`identifier word lists not found (looked in ${dirs.join(', ')})`);
  return found;
}

function readList(dir: string, file: string): Set<string> {
  const set = new Set<string>();
  for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
    const w = line.trim().toLowerCase();
    if (w && !w.startsWith('#')) set.add(w);
  }
  return set;
}

export function loadLexicon(dir = resourceDir()): Lexicon {
  const lex = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, readList(dir, f)])) as Omit<Lexicon, 'maxPlaceWords'>;
  let maxPlaceWords = 1;
  for (const s of [lex.places, lex.streetNames]) for (const p of s) maxPlaceWords = Math.max(maxPlaceWords, p.split(' ').length);
  return { ...lex, maxPlaceWords: Math.min(maxPlaceWords, 4) };
}

let cached: Lexicon | undefined;
export function defaultLexicon(): Lexicon {
  cached ??= loadLexicon();
  return cached;
}
