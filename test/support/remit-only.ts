/**
 * A generated 835 with no stored claims behind it (what a biller who never imports 837s has): one
 * denied claim whose payer recoded a line (SVC06 holds the code as billed), with CARC/RARC per line,
 * and one claim paid in full. Imported through the app's import pipeline.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditLog } from '../../electron/core/audit/audit-log';
import { createImporters } from '../../electron/core/ingest/importers';
import { importPaths } from '../../electron/core/ingest/pipeline';
import { tmpDir } from './tmp';
import { write835, type Remit835 } from './x12-835';

export const REMIT_ONLY = {
  denied: 'RO-DENIED-1',
  paid: 'RO-PAID-2',
  memberId: 'MEMB77123',
  patientFamily: 'QUINTANILLA',
  payerClaimControl: 'PCN-9988776655',
  renderingNpi: '1999999984',
};

export const remitOnly835 = (): Remit835 => ({
  transactionControl: '0001',
  payerName: 'ACME HEALTH PLAN',
  payerId: 'ACME01',
  payeeName: 'RIVERSIDE CLINIC',
  payeeNpi: '1234567893',
  checkNumber: 'EFT7001',
  paymentAmount: 150,
  paymentDate: '2026-11-20',
  productionDate: '2026-11-18',
  plb: [],
  claims: [
    {
      claimNumber: REMIT_ONLY.denied,
      statusCode: '1',
      billed: 344,
      paid: 0,
      patientResp: 0,
      payerClaimControl: REMIT_ONLY.payerClaimControl,
      patientFamily: REMIT_ONLY.patientFamily,
      patientGiven: 'ROSALIND',
      memberId: REMIT_ONLY.memberId,
      renderingNpi: REMIT_ONLY.renderingNpi,
      serviceStart: '2026-10-02',
      serviceEnd: null,
      receivedAt: '2026-10-10',
      moaRemarks: [],
      adjustments: [],
      lines: [
        {
          // Billed 99215-25, paid (as recoded) 99213: the payer's recoding is what a dispute quotes.
          qualifier: 'HC', code: '99213', modifiers: [], billed: 300, paid: 0, units: 1, serviceDate: '2026-10-02', rarc: ['N290'],
          billedAs: { qualifier: 'HC', code: '99215', modifiers: ['25'] },
          adjustments: [{ groupCode: 'CO', carc: '50', amount: 300 }],
        },
        {
          qualifier: 'HC', code: 'J1885', modifiers: [], billed: 44, paid: 0, units: 2, serviceDate: '2026-10-02', rarc: ['M76'],
          adjustments: [{ groupCode: 'CO', carc: '16', amount: 44 }],
        },
      ],
    },
    {
      claimNumber: REMIT_ONLY.paid,
      statusCode: '1',
      billed: 150,
      paid: 150,
      patientResp: 0,
      payerClaimControl: 'PCN-PAID',
      patientFamily: 'PAIDFAMILY',
      patientGiven: 'PAT',
      memberId: 'MEMBPAID9',
      renderingNpi: null,
      serviceStart: '2026-10-03',
      serviceEnd: null,
      receivedAt: null,
      moaRemarks: [],
      adjustments: [],
      lines: [{ qualifier: 'HC', code: '99212', modifiers: [], billed: 150, paid: 150, units: 1, serviceDate: '2026-10-03', rarc: [], adjustments: [] }],
    },
  ],
});

/** Imports the remittance alone (no 837, no FHIR Claim) through the import pipeline. */
export async function importRemitOnly(db: Database, audit: AuditLog, remit: Remit835 = remitOnly835()): Promise<void> {
  const file = path.join(tmpDir(), 'era.835');
  fs.writeFileSync(file, write835([remit]));
  await importPaths({ db, audit }, [file], { importers: createImporters(), actor: { username: 'cli:test', role: 'admin' } });
}

export const remitClaimIdOf = (db: Database, claimNumber: string): number =>
  (db.prepare('SELECT id FROM remit_claim WHERE claim_number = ? ORDER BY id DESC LIMIT 1').get(claimNumber) as { id: number }).id;
