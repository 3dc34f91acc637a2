/**
 * The dispute letter template comes from the renderer: any placeholder that is not one of the
 * letter's own (including every Object.prototype member name) fills as empty, never as a
 * property or function source; text between placeholders is kept as written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimSummary } from '../../../shared/packets-contract';
import { fillLetter, LETTER_PLACEHOLDERS } from '../../../electron/core/packets/packet-model';

const summary: ClaimSummary = {
  claimId: 1,
  claimNumber: 'CLM1',
  claimType: null,
  payerName: 'Acme',
  payerId: null,
  payerClaimControl: 'ICN9',
  memberId: 'MBR5',
  billingNpi: '1245319599',
  renderingNpi: null,
  serviceStart: '2025-03-14',
  serviceEnd: '2025-03-14',
  totalCharge: 10,
  billed: 10,
  paid: 0,
  diagnoses: [],
  lines: [],
  adjustments: [{ lineNo: 1, group: 'CO', code: '50', description: '', amount: 10 }],
  remarks: [],
  status: 'new',
};
const model = { summary, recipient: 'Acme appeals', preparedBy: 'Bea Biller', createdAt: new Date('2026-01-05T09:00:00Z') };
const KNOWN: Record<(typeof LETTER_PLACEHOLDERS)[number], string> = {
  date: '2026-01-05',
  recipient: 'Acme appeals',
  claimNumber: 'CLM1',
  payerClaimNumber: 'ICN9',
  memberId: 'MBR5',
  serviceDates: '2025-03-14',
  denialCodes: 'CO-50',
  payerName: 'Acme',
  preparedBy: 'Bea Biller',
};
const PROTOTYPE_NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Function.prototype), 'constructor', 'prototype'])].filter((n) => /^[A-Za-z]+$/.test(n));

describe('fillLetter with hostile templates', () => {
  it('{{constructor}}, {{toString}}, {{hasOwnProperty}} … fill as empty', () => {
    expect(PROTOTYPE_NAMES).toEqual(expect.arrayContaining(['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']));
    const letter = fillLetter(PROTOTYPE_NAMES.map((n) => `[{{${n}}}]`).join(''), model);
    expect(letter).toBe(PROTOTYPE_NAMES.map(() => '[]').join(''));
  });

  it('any template: known placeholders get their value, every other placeholder nothing, the rest is kept', () => {
    const literal = fc.string({ maxLength: 20 }).filter((s) => !s.includes('{') && !s.includes('}'));
    const name = fc.oneof(fc.constantFrom(...LETTER_PLACEHOLDERS), fc.constantFrom(...PROTOTYPE_NAMES), fc.stringMatching(/^[A-Za-z]{1,10}$/));
    const token = fc.record({ name, pad: fc.constantFrom('', ' ', '  ') });
    fc.assert(
      fc.property(fc.array(fc.tuple(literal, token), { maxLength: 12 }), literal, (parts, tail) => {
        const template = parts.map(([text, t]) => `${text}{{${t.pad}${t.name}${t.pad}}}`).join('') + tail;
        const expected = parts.map(([text, t]) => text + (Object.hasOwn(KNOWN, t.name) ? KNOWN[t.name as keyof typeof KNOWN] : '')).join('') + tail;
        const letter = fillLetter(template, model);
        expect(letter).toBe(expected);
        expect(letter).not.toMatch(/native code|function|\[object/);
      }),
      { numRuns: 500 },
    );
  });
});
