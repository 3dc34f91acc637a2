/**
 * Stand-ins that transcription services and de-identified samples put where a name was: "Dr. X",
 * "Mr. XYZ", "ABCD Hospital". They identify no one, so they are not flagged as names or facilities.
 */
const PLACEHOLDERS = new Set(['x', 'y', 'z', 'xx', 'xxx', 'xxxx', 'xy', 'xyz', 'abc', 'abcd', "x's", "y's", "z's", "xyz's", "abc's"]);

/** Is this lower-case word a placeholder? */
export function isPlaceholder(lower: string): boolean {
  return lower.length <= 5 && PLACEHOLDERS.has(lower.replace(/’/g, "'"));
}
