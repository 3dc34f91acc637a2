import { describe, expect, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { detectIdentifiers } from '../../../electron/core/redaction/identifiers';
import type { IdentifierType } from '../../../shared/identifier-types';
import { importHarness } from '../../support/import-harness';
import { fhirBundle } from '../../support/ingest-fixtures';
import { testBackend } from '../../support/backend';

interface Stored {
  start: number;
  end: number;
  type: IdentifierType;
}

/** The stored identifier spans of a document, as `TYPE:text`. */
function storedSpans(db: import('better-sqlite3-multiple-ciphers').Database, where: string, ...args: unknown[]): string[] {
  const d = db.prepare(`SELECT text, identifiers_json FROM document WHERE ${where}`).get(...args) as { text: string; identifiers_json: string };
  return (JSON.parse(d.identifiers_json) as Stored[]).map((s) => `${s.type}:${d.text.slice(s.start, s.end)}`);
}

/** Whether some span of `type` covers `needle` wholly. */
const covers = (spans: string[], type: IdentifierType, needle: string) => spans.some((s) => s.startsWith(`${type}:`) && s.slice(type.length + 1).includes(needle));

const NOTE_A = [
  'HISTORY OF PRESENT ILLNESS:',
  'juniper quillfeather is a 64 y/o seen by dr osei. QUILLFEATHER, JUNIPER was transferred from lakeside general.',
  'Mother Rowan Thistlewood at bedside, reachable at 555 010 9921. quillfeather says her son Rowan visits.',
  'Ms. Quillfeather, DOB April 12, 1961 (4/12/61), MRN 4471, member ZXH-99182, home (555) 010-4477.',
  'ASSESSMENT:',
  'Stable angina. Discussed with A. Osei. JQ/ao',
].join('\n');

/** A second patient's bundle: their own keys, a note naming the first patient. */
function otherPatientBundle(note: string): object {
  const patient = 'urn:uuid:99999999-2222-4333-8444-555555555555';
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        fullUrl: patient,
        resource: { resourceType: 'Patient', id: 'p-2', identifier: [{ type: { coding: [{ code: 'MR' }] }, value: 'MRN-9120' }], name: [{ family: 'Brightwater', given: ['Odalys'] }], birthDate: '1970-01-02' },
      },
      {
        fullUrl: 'urn:uuid:99999999-0000-4000-8000-000000000012',
        resource: {
          resourceType: 'DocumentReference',
          id: 'doc-2',
          type: { coding: [{ system: 'http://loinc.org', code: '11506-3', display: 'Progress note' }] },
          subject: { reference: patient },
          date: '2026-03-05T12:00:00Z',
          content: [{ attachment: { contentType: 'text/plain', data: Buffer.from(note).toString('base64') } }],
        },
      },
    ],
  };
}

describe('chart-aware identifiers at import', () => {
  it("finds a FHIR patient's names, contacts, ids, dates, phone and care team in their note, in the variants people write", async () => {
    const h = importHarness();
    const bundle = fhirBundle({ noteText: NOTE_A }) as { entry: Array<{ resource: Record<string, unknown> }> };
    const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient')!.resource;
    patient.contact = [{ relationship: [{ text: 'mother' }], name: { family: 'Thistlewood', given: ['Rowan'] }, telecom: [{ system: 'phone', value: '555-010-9921' }] }];
    const s = await h.run(h.file('a.json', JSON.stringify(bundle)));
    expect(s.rejected).toEqual([]);

    const spans = storedSpans(h.db, "source_id LIKE '%doc-1'");
    const expected: Array<[IdentifierType, string]> = [
      ['NAME', 'juniper quillfeather'],
      ['NAME', 'QUILLFEATHER, JUNIPER'],
      ['NAME', 'Rowan Thistlewood'],
      ['NAME', 'Ms. Quillfeather'],
      ['NAME', 'JQ'],
      ['PROVIDER_NAME', 'dr osei'],
      ['PROVIDER_NAME', 'A. Osei'],
      ['FACILITY_NAME', 'lakeside general'],
      ['PHONE', '555 010 9921'],
      ['PHONE', '(555) 010-4477'],
      ['DATE', 'April 12, 1961'],
      ['DATE', '4/12/61'],
      ['MRN', '4471'],
      ['HEALTH_PLAN_ID', 'ZXH-99182'],
    ];
    for (const [type, needle] of expected) expect(covers(spans, type, needle), `${type} ${needle} in ${spans.join(' | ')}`).toBe(true);
    // the single surname in lower case: only because the store knows it
    const lower = NOTE_A.indexOf('quillfeather says');
    const stored = JSON.parse((h.db.prepare("SELECT identifiers_json FROM document WHERE source_id LIKE '%doc-1'").get() as { identifiers_json: string }).identifiers_json) as Stored[];
    expect(stored.some((x) => x.start <= lower && x.end >= lower + 12 && x.type === 'NAME')).toBe(true);
    // and what the generic finder alone misses, so the store's knowledge is what found it
    const generic = detectIdentifiers(NOTE_A);
    const genericMisses = expected.filter(([type, needle]) => {
      const at = NOTE_A.indexOf(needle);
      return !generic.some((g) => g.type === type && g.start <= at && g.end >= at + needle.length);
    });
    expect(genericMisses.length).toBeGreaterThan(3);
    h.t.backend.close();
  });

  it("finds a known person's full name in another patient's note, but not that person's single names or numbers", async () => {
    const h = importHarness();
    await h.run(h.file('a.json', JSON.stringify(fhirBundle({ noteText: 'ASSESSMENT:\nStable.' }))));
    const note = 'HISTORY OF PRESENT ILLNESS:\nRoommate was juniper quillfeather, who visited. quillfeather brought flowers. Code 4471 entered. Dr. Osei consulted.\n';
    await h.run(h.file('b.json', JSON.stringify(otherPatientBundle(note))));
    const spans = storedSpans(h.db, "source_id LIKE '%doc-2'");
    expect(covers(spans, 'NAME', 'juniper quillfeather')).toBe(true);
    expect(detectIdentifiers(note).some((g) => g.text.includes('quillfeather'))).toBe(false); // the generic finder alone misses it
    // the first patient's own-chart variants do not travel to another chart
    expect(spans.some((s) => s.endsWith(':quillfeather'))).toBe(false);
    expect(spans.some((s) => s.startsWith('MRN:'))).toBe(false);
    h.t.backend.close();
  });

  it('in a batch (one imported file), analyses each document once at the end, knowing all the file wrote', () => {
    const t = testBackend();
    const db = t.backend.store.db;
    const w = new ChartWriter(db);
    db.transaction(() =>
      w.batch(() => {
        const p = w.patient({ sourceSystem: 't', sourceId: 'p1', familyName: 'Marchetti', givenName: 'Ilse' });
        const d = w.document({ sourceSystem: 't', sourceId: 'd1', patientId: p, text: 'Spoke about QQ7712020 today.', format: 'text' });
        // held back: not analysed yet inside the batch
        expect(db.prepare('SELECT analyzer_version FROM document WHERE id = ?').get(d)).toEqual({ analyzer_version: null });
        w.claim({ sourceSystem: 't', sourceId: 'c1', patientId: p, claimNumber: 'CLM-1', memberId: 'QQ-771-2020', lines: [] });
      }),
    )();
    expect(storedSpans(db, "source_id = 'd1'")).toContain('HEALTH_PLAN_ID:QQ7712020');
    // a batch that fails keeps nothing held back
    expect(() =>
      db.transaction(() =>
        w.batch(() => {
          w.document({ sourceSystem: 't', sourceId: 'd2', patientId: 1, text: 'Ilse Marchetti.', format: 'text' });
          throw new Error('bad file');
        }),
      )(),
    ).toThrow('bad file');
    expect(db.prepare("SELECT count(*) AS n FROM document WHERE source_id = 'd2'").get()).toEqual({ n: 0 });
    t.backend.close();
  });

  it('re-analyses a document when what is known about its patient grows later in the same file (settle)', () => {
    const t = testBackend();
    const db = t.backend.store.db;
    const w = new ChartWriter(db);
    db.transaction(() => {
      const p = w.patient({ sourceSystem: 't', sourceId: 'p1', familyName: 'Marchetti', givenName: 'Ilse' });
      w.document({ sourceSystem: 't', sourceId: 'd1', patientId: p, text: 'Spoke about QQ7712020 today.', format: 'text' });
      expect(storedSpans(db, "source_id = 'd1'").some((s) => s.startsWith('HEALTH_PLAN_ID:'))).toBe(false);
      w.coverage({ sourceSystem: 't', sourceId: 'c1', patientId: p, memberId: 'QQ-771-2020' });
      expect(w.settle()).toBe(1);
    })();
    expect(storedSpans(db, "source_id = 'd1'")).toContain('HEALTH_PLAN_ID:QQ7712020');
    expect(w.settle()).toBe(0);
    t.backend.close();
  });
});

