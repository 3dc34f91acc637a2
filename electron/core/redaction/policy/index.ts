/**
 * The access policy: loaded from resources/policy/default.json (or a file an administrator points
 * to), validated with zod, and checked for consistency (unique rule ids, every role listed). A bad
 * policy is a startup error that says which field is wrong.
 */
import fs from 'node:fs';
import raw from '../../../../resources/policy/default.json' with { type: 'json' };
import type { Purpose } from '../../../../shared/purposes';
import { ROLES, type Role } from '../../../../shared/roles';
import { PolicySchema, type Policy } from './schema';

export * from './schema';

export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

function ruleIds(p: Policy): string[] {
  const ids: string[] = [];
  for (const pp of Object.values(p.purposes)) ids.push(pp.roles.id, pp.sections.id, pp.structured.id, pp.identifiers.id, pp.labels.id, pp.masked.id);
  ids.push(...Object.values(p.rules).map((r) => r.id));
  ids.push(...Object.values(p.access).map((r) => r.id));
  if (p.identifierOperatingPoints) ids.push(p.identifierOperatingPoints.id);
  return ids;
}

/** Validates a parsed policy document; throws PolicyError naming every problem. */
export function loadPolicy(json: unknown, source = 'policy'): Policy {
  const parsed = PolicySchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new PolicyError(`The access policy (${source}) is invalid: ${where}`);
  }
  const p = parsed.data;
  const missing = ROLES.filter((r) => !p.roles.includes(r));
  if (missing.length) throw new PolicyError(`The access policy (${source}) is invalid: roles: missing ${missing.join(', ')}`);
  const seen = new Set<string>();
  for (const id of ruleIds(p)) {
    if (seen.has(id)) throw new PolicyError(`The access policy (${source}) is invalid: rule id ${id} is used twice`);
    seen.add(id);
  }
  return p;
}

/** Reads and validates a policy file. */
export function loadPolicyFile(file: string): Policy {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PolicyError(`The access policy file could not be read as JSON: ${(e as Error).message}`);
  }
  return loadPolicy(json, 'file');
}

let cached: Policy | undefined;
/** The policy the app ships, validated once. */
export function defaultPolicy(): Policy {
  return (cached ??= loadPolicy(raw, 'resources/policy/default.json'));
}

/** May this role declare this purpose? */
export const roleMayUse = (policy: Policy, role: Role, purpose: Purpose): boolean => policy.purposes[purpose].roles.allow.includes(role);

/** The purposes a role may declare, in vocabulary order. */
export const purposesFor = (policy: Policy, role: Role): Purpose[] =>
  (Object.keys(policy.purposes) as Purpose[]).filter((p) => roleMayUse(policy, role, p));
