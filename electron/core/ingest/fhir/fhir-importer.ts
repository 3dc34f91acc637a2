/**
 * FHIR R4 JSON importer: Bundles (transaction, batch, collection, searchset, document), single
 * resources and NDJSON. Source system 'fhir', source id `Type/id`, so a re-import updates in place.
 */
import type { Importer, ImportFile } from '../importer';
import { decodeUtf8 } from '../text-decode';
import { parseFhirText, type FhirParsed } from './fhir-parse';
import { writeFhir } from './fhir-write';

/** The first non-blank bytes are `{` and a `"resourceType"` appears early on. */
function detect(file: ImportFile): boolean {
  const head = file.bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('{') && /"resourceType"\s*:/.test(head);
}

export const fhirImporter: Importer<FhirParsed> = {
  format: 'fhir',
  detect,
  parse: async (file) => parseFhirText(file.name, decodeUtf8(file.bytes, 'FHIR file')),
  write: (parsed, writer) => writeFhir(parsed, writer),
};
