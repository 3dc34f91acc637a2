/**
 * A zod schema for the subset of FHIR R4 AuditEvent our export emits, with the R4
 * cardinalities of what it covers (type 1..1, recorded 1..1, agent 1..*, agent.requestor 1..1,
 * source 1..1, source.observer 1..1, entity.what/type/role as Coding) and R4 primitive formats.
 * Strict: an element R4 does not define at that place fails. Not the official R4 JSON schema
 * (no validator package may be added in this session).
 */
import { z } from 'zod';

const uri = z.string().regex(/^\S+$/);
const code = z.string().regex(/^[^\s]+( [^\s]+)*$/);
const coding = z.strictObject({ system: uri, code, display: z.string().min(1).optional() });
const codeableConcept = z.strictObject({ coding: z.array(coding).min(1).optional(), text: z.string().min(1).optional() }).refine((c) => c.coding || c.text, 'empty CodeableConcept');
const reference = z.strictObject({ reference: z.string().regex(/^[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/).optional(), identifier: z.strictObject({ value: z.string().min(1) }).optional(), display: z.string().min(1).optional() });
// R4 instant: a full date-time with seconds and a zone.
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);

export const auditEventSchema = z.strictObject({
  resourceType: z.literal('AuditEvent'),
  id: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/),
  type: coding,
  subtype: z.array(coding).optional(),
  action: z.enum(['C', 'R', 'U', 'D', 'E']).optional(),
  recorded: instant,
  outcome: z.enum(['0', '4', '8', '12']).optional(),
  purposeOfEvent: z.array(codeableConcept).optional(),
  agent: z
    .array(
      z.strictObject({
        type: codeableConcept.optional(),
        role: z.array(codeableConcept).optional(),
        who: reference.optional(),
        requestor: z.boolean(),
        policy: z.array(uri).optional(),
        network: z.strictObject({ address: z.string().min(1).optional(), type: z.enum(['1', '2', '3', '4', '5']).optional() }).optional(),
        purposeOfUse: z.array(codeableConcept).optional(),
      }),
    )
    .min(1),
  source: z.strictObject({ site: z.string().optional(), observer: reference, type: z.array(coding).optional() }),
  entity: z
    .array(
      z.strictObject({
        what: reference.optional(),
        type: coding.optional(),
        role: coding.optional(),
        securityLabel: z.array(coding).optional(),
        detail: z.array(z.strictObject({ type: z.string().min(1), valueString: z.string() })).optional(),
      }),
    )
    .optional(),
});

/** Parses one exported line as JSON and validates it (JSON.parse drops the `undefined` keys the exporter leaves). */
export const parseAuditEventLine = (line: string) => auditEventSchema.parse(JSON.parse(line));
