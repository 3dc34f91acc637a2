import { describe, expect, it } from 'vitest';
import { knownIdentifierSource } from '../../../electron/core/chart/known-identifiers';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { identifierCheck } from '../../../electron/core/packets/identifier-check';
import type { PacketModel } from '../../../electron/core/packets/packet-model';
import { minimumNecessary } from '../../../electron/core/queries/checks';
import { testBackend } from '../../support/backend';

describe('chart-aware identifiers in the outgoing checks', () => {
  it("flag the patient's and care team's identifiers a query or packet carries, in variants the generic finder misses", () => {
    const t = testBackend();
    const db = t.backend.store.db;
    const w = new ChartWriter(db);
    const patientId = db.transaction(() => {
      const p = w.patient({ sourceSystem: 't', sourceId: 'p', familyName: 'Quillbrook', givenName: 'Odessa', mrn: '00775521' });
      const dr = w.practitioner({ sourceSystem: 't', sourceId: 'dr', name: 'Dr. Tamsin Vreeland' });
      w.encounter({ sourceSystem: 't', sourceId: 'e', patientId: p, attendingId: dr });
      return p;
    })();
    const known = knownIdentifierSource(db).forPatient(patientId)!.matcher;
    const question = 'Discussed with vreeland: is the anemia in quillbrook (chart 00775521) acute blood loss?';
    const query = (k?: typeof known) => minimumNecessary({ question, options: [], facts: [], hasProvider: true, known: k }).map((f) => `${f.type}:${f.excerpt}`);
    expect(query(known)).toEqual(expect.arrayContaining(['NAME:quillbrook', 'PROVIDER_NAME:vreeland', 'MRN:00775521']));
    // A lower-case surname alone, and a clinician's surname alone: the generic finder cannot tell them from words.
    expect(query().filter((f) => /quillbrook|vreeland/.test(f))).toEqual([]);

    const model = { summary: { claimNumber: 'C-1', lines: [] }, excerpts: [] } as unknown as PacketModel;
    const packet = identifierCheck([{ where: 'letter', text: question }], model, known).identifiers.map((f) => `${f.type}:${f.text}`);
    expect(packet).toEqual(expect.arrayContaining(['NAME:quillbrook', 'PROVIDER_NAME:vreeland', 'MRN:00775521']));
    t.backend.close();
  });
});
