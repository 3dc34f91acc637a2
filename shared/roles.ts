/** Roles a user can hold (one at a time). Purposes and the policy arrive with the redaction engine. */
export const ROLES = ['coder', 'biller', 'cdi', 'supervisor', 'privacy_officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  coder: 'Coder',
  biller: 'Biller',
  cdi: 'CDI specialist',
  supervisor: 'Supervisor',
  privacy_officer: 'Privacy officer / auditor',
  admin: 'Administrator',
};
