import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The shared corpora folder (`../shared/corpora` beside the repository, or two levels up from a
 * worktree), or $NTK_CORPORA. Tests and benchmarks skip their corpus parts when it is absent.
 */
export function corporaDir(): string {
  const candidates = [process.env.NTK_CORPORA, path.resolve(repo, '../shared/corpora'), path.resolve(repo, '../../shared/corpora')];
  return candidates.find((c): c is string => !!c && fs.existsSync(c)) ?? path.resolve(repo, '../shared/corpora');
}
