/**
 * The shipped CARC and RARC lists (resources/codes/, see its README): a code's published
 * description, or a fixed note when the shipped list lacks it — never a guess.
 */
import carcList from '../../../resources/codes/carc.json' with { type: 'json' };
import rarcList from '../../../resources/codes/rarc.json' with { type: 'json' };

interface CodeList {
  codes: Array<{ code: string; description: string }>;
}

const index = (list: CodeList): Map<string, string> => new Map(list.codes.map((c) => [c.code.toUpperCase(), c.description]));
const CARC = index(carcList as CodeList);
const RARC = index(rarcList as CodeList);

export const UNKNOWN_CODE = '(description not in the shipped list)';

export const carcDescription = (code: string): string => CARC.get(code.trim().toUpperCase()) ?? UNKNOWN_CODE;
export const rarcDescription = (code: string): string => RARC.get(code.trim().toUpperCase()) ?? UNKNOWN_CODE;
export const carcCount = (): number => CARC.size;
export const rarcCount = (): number => RARC.size;
