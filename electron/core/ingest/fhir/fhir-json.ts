/**
 * Defensive readers over parsed FHIR JSON: every accessor tolerates a missing or wrongly typed
 * element (returns undefined), so a resource shaped unlike the spec never throws a TypeError.
 */
import { systemFromFhir } from '../../../../shared/code-systems';

export type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Json | undefined => (isObj(v) ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const objs = (v: unknown): Json[] => arr(v).filter(isObj);

/** A string (trimmed, capped) or undefined. Numbers are accepted where FHIR allows either. */
export function str(v: unknown, max = 100_000): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t ? t.slice(0, max) : undefined;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** A path of keys through nested objects (arrays are entered at index 0). */
export function at(v: unknown, ...path: Array<string | number>): unknown {
  let cur: unknown = v;
  for (const k of path) {
    if (Array.isArray(cur)) cur = typeof k === 'number' ? cur[k] : obj(cur[0])?.[k];
    else if (isObj(cur)) cur = cur[k as string];
    else return undefined;
  }
  return cur;
}

export interface Code {
  system: string;
  code: string;
  display?: string;
}

/** Codings of a CodeableConcept (or a list of them) with their system mapped to its short name. */
export function codings(cc: unknown): Code[] {
  const out: Code[] = [];
  for (const c of objs(Array.isArray(cc) ? cc : [cc]).flatMap((x) => objs(x.coding))) {
    const code = str(c.code, 64);
    if (code) out.push({ system: systemFromFhir(str(c.system, 256)), code, display: str(c.display, 512) });
  }
  return out;
}

/**
 * The coding to keep: the first whose system is in `prefer` (in that order), else the first coding,
 * else the concept's text as an uncoded entry.
 */
export function pickCode(cc: unknown, prefer: readonly string[] = []): Code | undefined {
  const all = codings(cc);
  for (const p of prefer) {
    const hit = all.find((c) => c.system === p);
    if (hit) return hit;
  }
  if (all[0]) return all[0];
  const text = conceptText(cc);
  return text ? { system: 'uncoded', code: '', display: text } : undefined;
}

/** Text for a CodeableConcept (or the first of a list): its text, else the first coding's display. */
export function conceptText(cc: unknown): string | undefined {
  const first = Array.isArray(cc) ? obj(cc[0]) : obj(cc);
  return str(first?.text, 512) ?? codings(cc).find((c) => c.display)?.display;
}

/** dateTime, Period.start or instant from the first of the named elements present. */
export function firstDate(r: Json, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = r[n];
    const s = str(v, 64) ?? str(obj(v)?.start, 64);
    if (s) return s;
  }
  return undefined;
}
