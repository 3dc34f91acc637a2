import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { Store } from '../../../electron/core/db/store';
import { newKey, tmpDir } from '../../support/tmp';

function openStore(): Store {
  const dir = tmpDir();
  return Store.open({ path: path.join(dir, 's.ntk'), keys: newKey(dir).keys, create: true });
}

const NOTE = `HISTORY OF PRESENT ILLNESS: Patient seen on 03/14/2024 for chest pain.
SOCIAL HISTORY: Drinks alcohol daily; on methadone maintenance.
PLAN: Call Dr. Smith at 555-201-3344.`;

describe('ChartWriter', () => {
  it('writes a document with its stored analysis, and re-writing updates in place', () => {
    const store = openStore();
    const w = new ChartWriter(store.db);
    const write = () =>
      store.db.transaction(() => {
        const p = w.patient({ sourceSystem: 't', sourceId: 'p1', mrn: 'MRN1', familyName: 'Doe' });
        const e = w.encounter({ sourceSystem: 't', sourceId: 'e1', patientId: p, classCode: 'IMP' });
        return w.document({ sourceSystem: 't', sourceId: 'd1', patientId: p, encounterId: e, text: NOTE, format: 'text', docType: 'progress-note' });
      })();
    const first = write();
    const second = write();
    expect(second).toBe(first);
    expect(store.status().counts).toEqual({ patients: 1, encounters: 1, documents: 1 });
    const sections = store.db.prepare('SELECT loinc, labels_json, body_start, start FROM section WHERE document_id = ? ORDER BY ordinal').all(first) as Array<{ loinc: string; labels_json: string; body_start: number; start: number }>;
    expect(sections.map((s) => s.loinc)).toEqual(['10164-2', '29762-2', '18776-5']);
    expect(JSON.parse(sections[1]!.labels_json)).toContain('ETH');
    expect(sections[1]!.body_start).toBeGreaterThan(sections[1]!.start);
    const doc = store.db.prepare('SELECT identifiers_json, labels_json FROM document WHERE id = ?').get(first) as { identifiers_json: string; labels_json: string };
    const types = (JSON.parse(doc.identifiers_json) as Array<{ type: string }>).map((s) => s.type);
    expect(types).toEqual(expect.arrayContaining(['DATE', 'PHONE', 'PROVIDER_NAME']));
    expect(JSON.parse(doc.labels_json)).toContain('ETH');
    store.close();
  });

  it('links a remittance to its claim by claim number, whichever arrives first', () => {
    const store = openStore();
    const w = new ChartWriter(store.db);
    const remit = w.remittance({
      sourceSystem: 'x12',
      sourceId: 'r1',
      claims: [{ claimNumber: 'CLM-1', statusCode: '4', billed: 100, paid: 0, adjustments: [{ groupCode: 'CO', carc: '50', amount: 100 }], lines: [] }],
    });
    expect(remit).toMatchObject({ matched: 0, unmatched: 1 });
    const p = w.patient({ sourceSystem: 't', sourceId: 'p1' });
    const claimId = w.claim({ sourceSystem: 't', sourceId: 'c1', patientId: p, claimNumber: 'CLM-1', lines: [{ lineNo: 1, code: '99223', codeSystem: 'CPT', modifiers: ['25'], units: 1, charge: 100 }] });
    const rc = store.db.prepare('SELECT claim_id, patient_id FROM remit_claim').get() as { claim_id: number; patient_id: number };
    expect(rc).toEqual({ claim_id: claimId, patient_id: p });
    expect(w.remittance({ sourceSystem: 'x12', sourceId: 'r1', claims: [{ claimNumber: 'CLM-1', adjustments: [], lines: [] }] })).toMatchObject({ matched: 1 });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM remit_claim').get()).toEqual({ n: 1 });
    store.close();
  });
});
