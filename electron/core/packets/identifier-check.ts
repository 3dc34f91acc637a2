/**
 * The pre-export check: every identifier in the assembled packet, found by running the identifier
 * detector over each part's text exactly as it will be drawn, plus the identifiers the minimum data
 * set carries by design (member id, claim numbers, NPIs), and every sensitivity label of the
 * chosen excerpts. The user confirms this list before anything leaves.
 */
import type { IdentifierFound } from '../../../shared/packets-contract';
import { detectIdentifiers, type ChartKnownMatcher } from '../redaction/identifiers';
import type { PacketModel } from './packet-model';

export interface PacketPart {
  where: string;
  text: string;
}

/** `known`: what the store knows about the packet's patient and care team (core/chart/known-identifiers.ts). */
export function identifierCheck(parts: PacketPart[], m: PacketModel, known?: ChartKnownMatcher): { identifiers: IdentifierFound[]; labels: string[] } {
  const found = new Map<string, IdentifierFound>();
  const add = (type: string, text: string, where: string) => {
    const t = text.trim();
    if (!t) return;
    const key = `${type}\u0000${t}`;
    const f = found.get(key);
    if (!f) found.set(key, { type, text: t, count: 1, where: [where] });
    else {
      f.count += 1;
      if (!f.where.includes(where)) f.where.push(where);
    }
  };
  const s = m.summary;
  if (s.memberId) add('HEALTH_PLAN_ID', s.memberId, 'claim summary');
  add('ACCOUNT_NUMBER', s.claimNumber, 'claim summary');
  if (s.payerClaimControl) add('CLAIM_NUMBER', s.payerClaimControl, 'claim summary');
  for (const npi of new Set([s.billingNpi, s.renderingNpi, ...s.lines.map((l) => l.renderingNpi)])) if (npi) add('NPI', npi, 'claim summary');
  for (const p of parts) {
    for (const span of detectIdentifiers(p.text, { known })) add(span.type, p.text.slice(span.start, span.end), p.where);
  }
  const identifiers = [...found.values()].sort((a, b) => a.type.localeCompare(b.type) || a.text.localeCompare(b.text));
  const labels = [...new Set(m.excerpts.flatMap((e) => e.labels))].sort();
  return { identifiers, labels };
}
