/**
 * C-CDA R2.1 importer. Source system 'ccda'; source ids are the HL7 instance identifiers
 * (`root^extension`) of the patient, author, encounter, document and entries, so re-importing the
 * same document (or another document about the same patient) updates rows instead of adding them.
 * Entries without an id are keyed by their position in the document.
 */
import type { ChartWriter } from '../../db/chart-writer';
import type { Importer, ImportFile } from '../importer';
import { decodeUtf8 } from '../text-decode';
import { parseCcda, type CcdaParsed } from './ccda-parse';

export const CCDA_SOURCE = 'ccda';

function detect(file: ImportFile): boolean {
  const head = file.bytes.subarray(0, 8192).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('<')) return false;
  return /<([A-Za-z_][\w.-]*:)?ClinicalDocument\b/.test(head) || /\.(xml|cda|ccd|ccda)$/i.test(file.name);
}

export function writeCcda(p: CcdaParsed, w: ChartWriter): void {
  const src = { sourceSystem: CCDA_SOURCE };
  const patientId = w.patient({ ...src, sourceId: p.patient.key, ...p.patient });
  // Encounter, document and entry ids are meant to be globally unique, but sample and vendor
  // documents reuse them: keyed under the patient, another patient's document that reuses an id
  // adds its own rows instead of taking this patient's over.
  const own = (id: string): string => `${p.patient.key}|${id}`;
  const authorId = p.author ? w.practitioner({ ...src, sourceId: p.author.key, npi: p.author.npi, name: p.author.name }) : undefined;
  const encounterId = p.encounter
    ? w.encounter({
        ...src,
        sourceId: own(p.encounter.key),
        patientId,
        classCode: p.encounter.classCode,
        typeSystem: p.encounter.typeSystem,
        typeCode: p.encounter.typeCode,
        typeDisplay: p.encounter.typeDisplay,
        periodStart: p.encounter.start,
        periodEnd: p.encounter.end,
        attendingId: authorId,
      })
    : undefined;
  w.document({
    ...src,
    sourceId: own(`document:${p.docKey}`),
    patientId,
    encounterId,
    docType: p.document.docType,
    title: p.document.title,
    authoredAt: p.document.authoredAt,
    authorId,
    text: p.document.text,
    format: 'ccda',
    codes: p.document.codes,
    sections: p.document.sections.length ? p.document.sections : undefined,
  });
  for (const e of p.entries) {
    const base = { ...src, sourceId: own(e.sourceId), patientId, encounterId, codeSystem: e.code.system, code: e.code.code, display: e.code.display };
    switch (e.kind) {
      case 'condition':
        w.condition({ ...base, category: e.category, clinicalStatus: e.status, onsetAt: e.date });
        break;
      case 'procedure':
        w.procedure({ ...base, performedAt: e.date });
        break;
      case 'medication':
        w.medication({ ...base, kind: e.medKind ?? 'statement', status: e.status, dosageText: e.dosageText, authoredAt: e.date });
        break;
      case 'observation':
        w.observation({
          ...base,
          category: e.category,
          valueNum: e.valueNum,
          valueText: e.valueText,
          unit: e.unit,
          refLow: e.refLow,
          refHigh: e.refHigh,
          interpretation: e.interpretation,
          effectiveAt: e.date,
        });
        break;
    }
  }
}

export const ccdaImporter: Importer<CcdaParsed> = {
  format: 'ccda',
  detect,
  parse: async (file) => parseCcda(decodeUtf8(file.bytes, 'C-CDA file'), file.sha256),
  write: (parsed, writer) => writeCcda(parsed, writer),
};
