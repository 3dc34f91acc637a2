/**
 * The section-header lexicon (resources/lexicon/sections.json): validated with zod, then compiled
 * into one Map from normalized header to entry, so classifying a header is a single lookup.
 */
import { z } from 'zod';
import raw from '../../../../resources/lexicon/sections.json' with { type: 'json' };
import { normalizeHeader } from './normalize';

const LOINC = /^\d{1,7}-\d$/;

const EntrySchema = z.object({
  code: z.string().regex(LOINC, 'a LOINC code like 10164-2'),
  name: z.string().min(1),
  headers: z.array(z.string().min(1)).min(1),
  nestsIn: z.array(z.string().regex(LOINC)).optional(),
  /** Codes C-CDA requires as translations of `code` (older documents put them first). */
  translations: z.array(z.string().regex(LOINC)).optional(),
  lineStartOnly: z.array(z.string().min(1)).optional(),
});

export const SectionLexiconSchema = z.object({
  version: z.literal(1),
  modifiers: z.array(z.string().min(1)),
  suffixes: z.array(z.string().min(1)).optional(),
  qualifiers: z.array(z.string().min(1)).optional(),
  fields: z.array(z.string().min(1)),
  absorbUnknownIn: z.array(z.string().regex(LOINC)).optional(),
  sections: z.array(EntrySchema).min(1),
});

export type SectionLexiconJson = z.infer<typeof SectionLexiconSchema>;

export interface SectionEntry {
  code: string;
  name: string;
  /** Codes of enclosing sections inside which this header is a sub-heading (no new section). */
  nestsIn: ReadonlySet<string>;
}

export interface HeaderMatch {
  entry: SectionEntry;
  /** Only valid at the start of a line and not followed by a number (SOAP `S:`, `P:`). */
  lineStartOnly: boolean;
}

export interface SectionLexicon {
  headers: ReadonlyMap<string, HeaderMatch>;
  fields: ReadonlySet<string>;
  modifiers: ReadonlySet<string>;
  /** Trailing words dropped when a header is not found as written ('section', 'narrative', ...). */
  suffixes: ReadonlySet<string>;
  /** Words that start a trailing time qualifier ('as of', 'last', 'since'): the header is cut there. */
  qualifiers: ReadonlySet<string>;
  absorbUnknownIn: ReadonlySet<string>;
  /** Every code the lexicon can produce: its domain. */
  codes: ReadonlySet<string>;
  /** Translation code → the section code it stands for (42347-5 → 46241-6). */
  translations: ReadonlyMap<string, string>;
}

export function compileSectionLexicon(json: unknown): SectionLexicon {
  const lex = SectionLexiconSchema.parse(json);
  const headers = new Map<string, HeaderMatch>();
  const fields = new Set(lex.fields.map(normalizeHeader));
  for (const e of lex.sections) {
    const entry: SectionEntry = { code: e.code, name: e.name, nestsIn: new Set(e.nestsIn ?? []) };
    const strict = new Set((e.lineStartOnly ?? []).map(normalizeHeader));
    for (const h of e.headers) {
      const key = normalizeHeader(h);
      if (!key) throw new Error(`sections lexicon: header "${h}" normalizes to nothing`);
      if (fields.has(key)) throw new Error(`sections lexicon: "${h}" is both a field and a header`);
      const prev = headers.get(key);
      if (prev && prev.entry !== entry) throw new Error(`sections lexicon: "${h}" is listed under ${prev.entry.name} and ${e.name}`);
      headers.set(key, { entry, lineStartOnly: strict.has(key) });
    }
  }
  return {
    headers,
    fields,
    modifiers: new Set(lex.modifiers.map(normalizeHeader)),
    suffixes: new Set((lex.suffixes ?? []).map(normalizeHeader)),
    qualifiers: new Set((lex.qualifiers ?? []).map(normalizeHeader)),
    absorbUnknownIn: new Set(lex.absorbUnknownIn ?? []),
    codes: new Set(lex.sections.map((s) => s.code)),
    translations: new Map(lex.sections.flatMap((s) => (s.translations ?? []).map((t) => [t, s.code] as const))),
  };
}

let cached: SectionLexicon | undefined;
/** The lexicon the app ships, compiled once. */
export function defaultSectionLexicon(): SectionLexicon {
  return (cached ??= compileSectionLexicon(raw));
}
