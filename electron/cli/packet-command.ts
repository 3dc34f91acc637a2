/**
 * `ntk packet build --db PATH --claim CLAIM_NO --out FILE.pdf [--excerpt ID --reason TEXT]...
 *                   [--recipient NAME] [--letter FILE]`
 *
 * Headless dispute packet: the same builder, view rules and identifier check as the app. Each
 * --excerpt is a stored section id, paired in order with a --reason. Prints a JSON summary (file
 * hash, pages, data elements, excerpts, identifier types found) — never identifier values.
 */
import fs from 'node:fs';
import { NtkError } from '../core/errors';
import { claimRefByNumber } from '../core/packets/claim-summary';
import { writeExportFile } from '../core/save-path';
import { cliViewer, withCliBackend, type CliCommand } from './command';
import { UsageError } from './options';
import { packetSpec } from './command-specs';

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

export const packetCommand: CliCommand = {
  ...packetSpec,
  async run(ctx) {
    if (ctx.args[0] !== 'build' || ctx.args.length > 1) throw new UsageError('packet takes: build.');
    const claim = ctx.values.claim as string | undefined;
    const out = ctx.values.out as string | undefined;
    if (!claim) throw new UsageError('--claim CLAIM_NO is required.');
    if (!out) throw new UsageError('--out FILE.pdf is required.');
    const excerpts = list(ctx.values.excerpt);
    const reasons = list(ctx.values.reason);
    if (excerpts.length !== reasons.length) throw new UsageError('Give one --reason for each --excerpt, in the same order.');
    const ids = excerpts.map((e) => {
      if (!/^\d+$/.test(e)) throw new UsageError(`--excerpt takes a stored section id (a number), not "${e}".`);
      return Number(e);
    });
    const letter = ctx.values.letter ? fs.readFileSync(ctx.values.letter as string, 'utf8') : undefined;
    const summary = await withCliBackend(ctx, async (backend) => {
      const name = ctx.values.user as string | undefined;
      // Without --user the command line stands in for a biller: the same purpose, policy and view rules apply.
      const viewer = cliViewer(backend, name, 'biller');
      const by = { userId: name ? viewer.userId : null, displayName: viewer.displayName, audit: { userId: name ? viewer.userId : null, username: viewer.username, role: viewer.role } };
      const prepared = await backend.packets.prepare(
        viewer,
        'cli',
        {
          ...claimRefByNumber(backend.store.db, claim),
          recipient: ctx.values.recipient as string | undefined,
          letter,
          excerpts: ids.map((id, i) => ({ storedSectionId: id, reason: reasons[i]! })),
        },
        by,
      );
      const done = backend.packets.commit(prepared, by, 'cli');
      try {
        writeExportFile(out, done.bytes);
      } catch (e) {
        throw new NtkError('INTERNAL', `Could not write ${out}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      const types: Record<string, number> = {};
      for (const i of prepared.check.identifiers) types[i.type] = (types[i.type] ?? 0) + i.count;
      return {
        out,
        packetId: done.packetId,
        sha256: done.sha256,
        pages: done.pages,
        bytes: done.bytes.length,
        claimNumber: claim,
        recipient: prepared.model.recipient,
        elements: done.elements,
        excerpts: prepared.model.excerpts.map((e, i) => ({ id: done.excerptIds[i], sectionId: e.sectionId, document: e.documentTitle, section: e.sectionTitle, date: e.date, reason: e.reason })),
        identifierTypes: types,
        labels: prepared.check.labels,
      };
    });
    return { value: summary, text: JSON.stringify(summary) };
  },
};
