/**
 * A scan's sidecar: a small JSON file beside it (`<scan file name>.json`) naming the patient the
 * scan belongs to, for batch imports where the folder holds both. The pipeline pairs it with its scan
 * (ImportFile.sidecar) and the scan importers file the scan under the patient it names, who must
 * already be in the store; a scan without one gets a placeholder patient of its own.
 *
 *   { "patient": { "sourceSystem": "ehr", "sourceId": "P-1001" } }
 */
import { z } from 'zod';
import { NtkError } from '../../errors';
import type { ScanImporterOptions } from './importer';

const Sidecar = z
  .object({
    patient: z.object({ sourceSystem: z.string().min(1).max(64), sourceId: z.string().min(1).max(256) }).strict(),
  })
  .strict();

export function scanSidecarOptions(bytes: Buffer): Pick<ScanImporterOptions, 'patientSourceSystem' | 'patientSourceId'> {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new NtkError('BAD_INPUT', 'The scan sidecar is not valid JSON.');
  }
  const r = Sidecar.safeParse(json);
  if (!r.success) throw new NtkError('BAD_INPUT', 'The scan sidecar must be {"patient":{"sourceSystem":…,"sourceId":…}}.');
  return { patientSourceSystem: r.data.patient.sourceSystem, patientSourceId: r.data.patient.sourceId };
}
