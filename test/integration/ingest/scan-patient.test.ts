import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { Store } from '../../../electron/core/db/store';
import type { ImportFile } from '../../../electron/core/ingest/importer';
import { assemble, createPdfImporter, scanSidecarOptions } from '../../../electron/core/ingest/ocr';
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
