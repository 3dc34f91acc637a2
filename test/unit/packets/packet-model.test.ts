import { describe, expect, it } from 'vitest';
import type { ClaimSummary } from '../../../shared/packets-contract';
import { denialCodes, fillLetter, includedElements, money, serviceDates } from '../../../electron/core/packets/packet-model';

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
  totalCharge: 1234.5,
  billed: 1234.5,
  paid: 0,
  diagnoses: [{ seq: 1, system: 'ICD-10-CM', code: 'I10' }],
  lines: [{ lineNo: 1, serviceDate: null, codeSystem: 'CPT', code: '99213', modifiers: [], units: 1, charge: 1234.5, paid: 0, renderingNpi: null }],
  adjustments: [
    { lineNo: 1, group: 'CO', code: '50', description: '', amount: 1234.5 },
    { lineNo: 1, group: 'PR', code: '2', description: '', amount: 10 },
  ],
  remarks: [{ lineNo: null, code: 'N115', description: '' }],
  status: 'new',
};

describe('packet model', () => {
  it('fills letter placeholders from the minimum set only; unknown placeholders become empty', () => {
    const letter = fillLetter('{{date}} {{claimNumber}} {{ memberId }} {{serviceDates}} {{denialCodes}} {{preparedBy}} [{{patientName}}] [{{ssn}}]', {
      summary,
      recipient: 'Acme appeals',
      preparedBy: 'Bea Biller',
      createdAt: new Date('2026-01-05T09:00:00Z'),
    });
    expect(letter).toBe('2026-01-05 CLM1 MBR5 2025-03-14 CO-50, N115 Bea Biller [] []');
  });

  it('lists only the data elements the packet carries', () => {
    const m = { summary, recipient: 'r', letter: '', excerpts: [], preparedBy: 'p', approvedBy: 'p', purpose: 'denial_dispute' as const, createdAt: new Date() };
    const elements = includedElements(m);
    expect(elements).toContain('Member id');
    expect(elements).not.toContain('Modifiers'); // none on the lines
    expect(elements).not.toContain('Rendering NPI');
    expect(elements.some((e) => e.startsWith('Documentation'))).toBe(false);
  });

  it('formats money and dates of service', () => {
    expect(money(1234.5)).toBe('$1,234.50');
    expect(money(-3)).toBe('-$3.00');
    expect(money(null)).toBe('—');
    expect(serviceDates({ ...summary, serviceEnd: '2025-03-17' })).toBe('2025-03-14 to 2025-03-17');
    expect(denialCodes({ ...summary, adjustments: [], remarks: [] })).toBe('none reported');
  });
});
