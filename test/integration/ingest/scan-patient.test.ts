import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { Store } from '../../../electron/core/db/store';
import type { ImportFile } from '../../../electron/core/ingest/importer';
import { assemble, createPdfImporter, scanSidecarOptions } from '../../../electron/core/ingest/ocr';
import { importHarness } from '../../support/import-harness';
import { makePdf } from '../../support/ocr-images';
import { newKey, tmpDir } from '../../support/tmp';

const file = (s: string): ImportFile => {
  const bytes = Buffer.from(s);
  return { name: 'x.pdf', bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
};

describe('which patient a scan is filed under', () => {
  it('uses the sidecar patient, refuses an unknown one, and otherwise makes one placeholder per file', () => {
    const dir = tmpDir();
    const store = Store.open({ path: path.join(dir, 's.ntk'), keys: newKey(dir).keys, create: true });
    const w = new ChartWriter(store.db);
    const parsed = assemble([{ text: 'Typed letter about the visit', ocrConfidence: null }]);
    const patient = w.patient({ sourceSystem: 'ehr', sourceId: 'P-1001', familyName: 'Kept' });

    const named = createPdfImporter(scanSidecarOptions(Buffer.from('{"patient":{"sourceSystem":"ehr","sourceId":"P-1001"}}')));
    const a = file('a');
    store.db.transaction(() => named.write(parsed, w, a))();
    expect(store.db.prepare('SELECT patient_id FROM document WHERE source_id = ?').get(a.sha256)).toEqual({ patient_id: patient });
    expect(store.db.prepare('SELECT family_name FROM patient WHERE id = ?').get(patient)).toEqual({ family_name: 'Kept' });

    const unknown = createPdfImporter({ patientSourceSystem: 'ehr', patientSourceId: 'NOPE' });
    expect(() => store.db.transaction(() => unknown.write(parsed, w, file('b')))()).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));

    const anon = createPdfImporter();
    const c = file('c');
    store.db.transaction(() => anon.write(parsed, w, c))();
    store.db.transaction(() => anon.write(parsed, w, c))();
    const rows = store.db.prepare("SELECT p.source_id FROM document d JOIN patient p ON p.id = d.patient_id WHERE p.source_system = 'import-file'").all();
    expect(rows).toEqual([{ source_id: c.sha256 }]);
    expect(store.status().counts).toMatchObject({ patients: 2, documents: 2 });
    store.close();

    expect(() => scanSidecarOptions(Buffer.from('{"patient":"Jane Doe"}'))).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => scanSidecarOptions(Buffer.from('not json'))).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});

describe('scan sidecars in an imported folder', () => {
  it('files each scan under the patient its sidecar names; the sidecar is not imported on its own; a bad one rejects its scan only', async () => {
    const h = importHarness();
    const patient = new ChartWriter(h.db).patient({ sourceSystem: 'ehr', sourceId: 'P-1001', familyName: 'Kept' });
    const letter = await makePdf([['Typed letter about the visit on 2026-03-02']]);
    const named = h.file('letter.pdf', letter);
    h.file('letter.pdf.json', '{"patient":{"sourceSystem":"ehr","sourceId":"P-1001"}}');
    h.file('other.pdf', await makePdf([['A second typed letter']]));
    h.file('other.pdf.json', '{"patient":"Jane Doe"}');
    h.file('third.pdf', await makePdf([['A third typed letter']]));
    const r = await h.run(path.dirname(named));
    expect(r.results.map((x) => [x.file, x.outcome])).toEqual([
      ['letter.pdf', 'imported'],
      ['other.pdf', 'rejected'],
      ['third.pdf', 'imported'],
    ]);
    expect(r.rejected[0]).toMatchObject({ code: 'BAD_INPUT', reason: expect.stringMatching(/sidecar must be/) });
    const owners = h.db.prepare("SELECT p.source_system AS system, p.id = ? AS named FROM document d JOIN patient p ON p.id = d.patient_id ORDER BY d.id").all(patient);
    expect(owners).toEqual([
      { system: 'ehr', named: 1 },
      { system: 'import-file', named: 0 },
    ]);

    // The placeholder's scan, imported again with a sidecar, moves to the named patient (no second copy).
    h.file('third.pdf.json', '{"patient":{"sourceSystem":"ehr","sourceId":"P-1001"}}');
    expect((await h.run(path.join(path.dirname(named), 'third.pdf'), path.join(path.dirname(named), 'third.pdf.json'))).rejected).toEqual([]);
    expect(h.db.prepare('SELECT count(*) AS n, sum(patient_id = ?) AS named FROM document').get(patient)).toEqual({ n: 2, named: 2 });

    // Picked again without its sidecar, a filed scan stays with its patient (no new placeholder) ...
    const patients = h.count('patient');
    expect((await h.run(named)).rejected).toEqual([]);
    expect(h.count('patient')).toBe(patients);
    expect(h.db.prepare('SELECT count(*) AS n FROM document WHERE patient_id = ?').get(patient)).toEqual({ n: 2 });
    // ... and the same bytes named for someone else are refused, not moved.
    new ChartWriter(h.db).patient({ sourceSystem: 'ehr', sourceId: 'P-2002', familyName: 'Other' });
    const copy = h.file('copy-of-letter.pdf', letter);
    h.file('copy-of-letter.pdf.json', '{"patient":{"sourceSystem":"ehr","sourceId":"P-2002"}}');
    const refused = await h.run(copy, `${copy}.json`);
    expect(refused.rejected).toEqual([{ file: 'copy-of-letter.pdf', code: 'CONFLICT', reason: expect.stringMatching(/already filed under another patient/) }]);
    expect(h.db.prepare('SELECT count(*) AS n FROM document WHERE patient_id = ?').get(patient)).toEqual({ n: 2 });

    // Paths spelled differently still pair; a sidecar given without its scan says so.
    const dir = path.dirname(named);
    expect((await h.run(path.relative(process.cwd(), path.join(dir, 'letter.pdf')), path.join(dir, 'letter.pdf.json'))).rejected).toEqual([]);
    const orphan = await h.run(path.join(dir, 'other.pdf.json'));
    expect(orphan.rejected).toEqual([{ file: 'other.pdf.json', code: 'BAD_INPUT', reason: expect.stringMatching(/sidecar without its scan/) }]);
  });
});
