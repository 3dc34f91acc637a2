import { describe, expect, it } from 'vitest';
import { ccdaDocument } from '../../support/ingest-fixtures';
import { importHarness } from '../../support/import-harness';

describe('C-CDA documents of two patients that reuse ids', () => {
  it('keep each patient’s encounter, document and coded entries their own; re-import still updates in place', async () => {
    const h = importHarness();
    const a = h.file('a.xml', ccdaDocument({ docId: 'DOC-A' }));
    // Another patient's document from a system that reuses the same document, encounter and entry ids.
    const b = h.file('b.xml', ccdaDocument({ docId: 'DOC-A', problemCode: 'E11.9' }).replace('extension="CC-99812"', 'extension="CC-11111"').replace('Thistlewood', 'Otherperson'));
    expect((await h.run(a, b)).rejected).toEqual([]);
    const perPatient = () =>
      h.db
        .prepare(
          `SELECT p.family_name AS family,
             (SELECT count(*) FROM condition c WHERE c.patient_id = p.id) AS conditions,
             (SELECT count(*) FROM medication m WHERE m.patient_id = p.id) AS medications,
             (SELECT count(*) FROM observation o WHERE o.patient_id = p.id) AS observations,
             (SELECT count(*) FROM document d WHERE d.patient_id = p.id) AS documents,
             (SELECT count(*) FROM encounter e WHERE e.patient_id = p.id) AS encounters
           FROM patient p ORDER BY p.family_name`,
        )
        .all() as Array<Record<string, unknown>>;
    const first = perPatient();
    expect(first.map((r) => r.family)).toEqual(['Otherperson', 'Thistlewood']);
    for (const r of first) expect(r).toMatchObject({ documents: 1, encounters: 1, conditions: expect.any(Number) });
    expect(first[0]).toEqual({ ...first[1], family: 'Otherperson' });
    expect(first[1]!.conditions).toBeGreaterThan(0);
    expect(first[1]!.medications).toBeGreaterThan(0);

    await h.run(a, b);
    expect(perPatient()).toEqual(first);
  });
});
