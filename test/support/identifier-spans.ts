/** Span checks for the identifier golden tests. */
import { detectIdentifiers } from '../../electron/core/redaction/identifiers/index';
import type { IdentifierType } from '../../shared/identifier-types';

export const spans = (text: string) => detectIdentifiers(text);

/** A span (of `type`, when given) covers the whole first occurrence of `needle`. */
export const covered = (text: string, needle: string, type?: IdentifierType) => {
  const at = text.indexOf(needle);
  return spans(text).some((s) => s.start <= at && s.end >= at + needle.length && (type === undefined || s.type === type));
};

/** Some span overlaps the first occurrence of `needle`. */
export const touched = (text: string, needle: string) => {
  const at = text.indexOf(needle);
  return spans(text).some((s) => s.start < at + needle.length && s.end > at);
};
