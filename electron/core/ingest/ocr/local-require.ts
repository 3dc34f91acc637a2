import { createRequire } from 'node:module';

/** `require` for resolving the OCR packages' files, in ESM (tests, CLI) and bundled CommonJS alike. */
export function localRequire(): NodeJS.Require {
  try {
    return createRequire(import.meta.url);
  } catch {
    return createRequire(__filename); // bundled as CommonJS: import.meta.url is not available
  }
}
