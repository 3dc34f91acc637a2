/**
 * The entry of the bundled `ntk` (dist/cli/ntk.mjs, built by scripts/build-cli.mjs and run by
 * bin/ntk.mjs). The bundle sits two folders below the checkout, so the shipped resources (word
 * lists, fonts) are found from its own location rather than from the working directory.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from '../cli';

const here = path.dirname(fileURLToPath(import.meta.url));
process.env.NTK_RESOURCES_DIR ??= path.resolve(here, '../../resources');
if (!process.env.NTK_FONT_DIR) {
  try {
    process.env.NTK_FONT_DIR = path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  } catch {
    // not installed beside the bundle: the PDF writers look in their own places
  }
}
void runProcess();
