/**
 * `ntk access list|approve|deny|revoke` for administrators scripting on a shared workstation.
 *
 * Every sub-command acts as a real user of the store: `--as USERNAME` with that user's password from
 * $NTK_PASSWORD or the first line of stdin (and `--otp CODE` or $NTK_OTP when they have a second
 * factor). The command signs in through the same throttled, audited sign-in as the app and then makes
 * the same calls the app makes, so the role checks and separation of duties (not one's own request,
 * not the requester's role, a privacy officer for V scopes, two approvers where policy asks) hold
 * exactly as in the app, and the audit trail names the person, not the OS account. Holding the store
 * key alone therefore approves nothing.
 *
 *   ntk access list    --db PATH --as USER [--all]        pending requests (or the last 200 with --all)
 *   ntk access approve --db PATH --as USER ID... [--minutes N]
 *   ntk access deny    --db PATH --as USER ID... --reason TEXT
 *   ntk access revoke  --db PATH --as USER ID --reason TEXT
 */
import fs from 'node:fs';
import type { AccessRequestView } from '../../shared/access-contract';
import type { CallName, CallRequest, CallResponse } from '../../shared/contract';
import type { Backend } from '../core/backend';
import { NtkError } from '../core/errors';
import type { CliCommand, CliContext } from './command';
import { withCliBackend } from './command';
import { EXIT_CODES } from './exit-codes';
import { UsageError } from './options';
import { accessSpec } from './command-specs';

const SESSION = { transport: 'cli', sessionKey: 'cli:access' };

async function password(ctx: CliContext): Promise<string> {
  if (ctx.env.NTK_PASSWORD) return ctx.env.NTK_PASSWORD;
  const text = ctx.readStdin ? await ctx.readStdin() : process.stdin.isTTY ? '' : fs.readFileSync(0, 'utf8');
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new NtkError('UNAUTHENTICATED', 'Give the password of --as in NTK_PASSWORD or on stdin.');
  return line;
}

function caller(backend: Backend) {
  return async <K extends CallName>(name: K, req: CallRequest<K>): Promise<CallResponse<K>> => {
    const r = await backend.call(name, req, SESSION);
    if (!r.ok) throw new NtkError(r.error.code, r.error.message);
    return r.value;
  };
}

const ids = (args: string[]): number[] => {
  if (!args.length) throw new UsageError('access: give one or more request ids.');
  return args.map((a) => {
    const n = Number(a);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`access: not a request id: ${a}`);
    return n;
  });
};

const line = (r: AccessRequestView): string =>
  [`#${r.id}`, r.status, r.kind, `${r.requester.username} (${r.requester.role})`, r.scope.summary, r.scopeLabels.length ? `labels ${r.scopeLabels.join(',')}` : '', r.purpose, `${r.requestedMinutes} min`, r.createdAt]
    .filter(Boolean)
    .join('  ');

export const accessCommand: CliCommand = {
  ...accessSpec,
  async run(ctx) {
    const [sub, ...rest] = ctx.args;
    if (!sub || !['list', 'approve', 'deny', 'revoke'].includes(sub)) throw new UsageError('access takes list, approve, deny or revoke.');
    const username = ctx.values.as as string | undefined;
    if (!username) throw new UsageError('access: --as USERNAME is required (the CLI acts as a real user of the store).');
    const reason = ctx.values.reason as string | undefined;
    const minutes = ctx.values.minutes === undefined ? undefined : Number(ctx.values.minutes);
    if (minutes !== undefined && (!Number.isInteger(minutes) || minutes <= 0)) throw new UsageError('access: --minutes takes a whole number.');
    if ((sub === 'deny' || sub === 'revoke') && !reason) throw new UsageError(`access ${sub}: --reason TEXT is required.`);
    if (sub === 'list' && rest.length) throw new UsageError(`Unexpected argument: ${rest[0]}`);
    const requestIds = sub === 'list' ? [] : ids(rest);
    if (sub === 'revoke' && requestIds.length !== 1) throw new UsageError('access revoke: one id at a time.');
    const secret = await password(ctx);
    const otp = (ctx.values.otp as string | undefined) ?? ctx.env.NTK_OTP;

    return withCliBackend(ctx, async (backend) => {
      const call = caller(backend);
      await call('login', { username, password: secret, otp });
      try {
        if (sub === 'list') {
          const rows = await call('accessInbox', { include: ctx.values.all ? 'recent' : 'pending' });
          return { value: rows, text: rows.length ? rows.map(line).join('\n') : 'no requests' };
        }
        if (sub === 'revoke') {
          const r = await call('revokeAccess', { requestId: requestIds[0]!, reason: reason! });
          return { value: r, text: `#${r.id} revoked` };
        }
        const outcomes = await call('decideAccess', { requestIds, decision: sub === 'approve' ? 'approve' : 'deny', reason, minutes });
        const failed = outcomes.filter((o) => !o.ok);
        return {
          value: outcomes,
          text: outcomes.map((o) => (o.ok ? `#${o.id} ${o.status}` : `#${o.id} refused: ${o.error!.message}`)).join('\n'),
          exitCode: failed.length ? EXIT_CODES.FORBIDDEN : 0,
        };
      } finally {
        await backend.call('logout', {}, SESSION);
      }
    });
  },
};
