/**
 * `ntk redact --db PATH --encounter ID --role R --purpose P [--user NAME]`: the view a user of role
 * R working under purpose P would get for an encounter, every document expanded — built by the same
 * view builder the app uses, and audited like an open in the app (as the named user, or the CLI).
 */
import { isPurpose, PURPOSES } from '../../shared/purposes';
import { ROLES, type Role } from '../../shared/roles';
import { cliViewer, withCliBackend, type CliCommand } from './command';
import { UsageError } from './options';
import { redactSpec } from './command-specs';

export const redactCommand: CliCommand = {
  ...redactSpec,
  run: (ctx) => {
    if (ctx.args.length) throw new UsageError(`Unexpected argument: ${ctx.args[0]}`);
    const encounterId = Number(ctx.values.encounter);
    if (!Number.isInteger(encounterId) || encounterId <= 0) throw new UsageError('redact: --encounter ID (a positive integer) is required.');
    const role = ctx.values.role as string | undefined;
    if (!role || !(ROLES as readonly string[]).includes(role)) throw new UsageError(`redact: --role must be one of ${ROLES.join(', ')}.`);
    const purpose = ctx.values.purpose as string | undefined;
    if (!purpose || !isPurpose(purpose)) throw new UsageError(`redact: --purpose must be one of ${PURPOSES.join(', ')}.`);
    return withCliBackend(ctx, (backend) => {
      const viewer = cliViewer(backend, ctx.values.user as string | undefined, role as Role, { requireRole: true });
      backend.views.declarePurpose(viewer, purpose, encounterId);
      const view = backend.views.expandedView(viewer, encounterId);
      return { value: view, text: JSON.stringify(view, null, 2) };
    });
  },
};
