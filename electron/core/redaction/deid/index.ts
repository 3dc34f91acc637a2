/**
 * Safe Harbor de-identification of free text for quality review and education (164.514(b)(2)):
 * every identifier the detector finds is replaced by a consistent surrogate — the same name gets
 * the same surrogate throughout a document and across all of a patient's documents (one key per
 * patient), dates move by one per-patient day offset in their own format, ages over 89 become
 * "90+", ZIP codes keep only their three-digit prefix (000 where that area is small), and
 * contact details, record numbers and other ids get fictitious look-alikes. Provider names and
 * NPIs are replaced too unless `keepProviders` is set (a teaching file may keep them).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { MASK_TOKEN, type IdentifierSpan, type IdentifierType } from '../../../../shared/identifier-types';
import { detectIdentifiers } from '../identifiers';
import { shiftDate } from './dates';
import {
  generalizeZip,
  Hasher,
  surrogateAddress,
  surrogateChars,
  surrogateEmail,
  surrogateFacility,
  surrogateIp,
  surrogateName,
  surrogatePhone,
  surrogatePlace,
  surrogateUrl,
} from './surrogates';

export { shiftDate } from './dates';

export interface DeidOptions {
  /** Secret seed: the same seed and patient give the same surrogates and date offset. Default: random per run. */
  seed?: string | Buffer;
  /** Keep provider names and NPIs (default: replace them). */
  keepProviders?: boolean;
}

export interface Replacement {
  /** Offsets in the output text. */
  start: number;
  end: number;
  type: IdentifierType;
}

export interface DeidResult {
  text: string;
  replacements: Replacement[];
}

/** Days a patient's dates move: ±1..365, never 0. */
export function dateOffset(key: Buffer): number {
  const n = createHmac('sha256', key).update('date-offset').digest().readUInt32BE(0) % 730;
  return n < 365 ? -(n + 1) : n - 364;
}

/** The surrogate for one identifier, or null to keep it. */
function surrogate(h: Hasher, type: IdentifierType, text: string, offset: number, keepProviders: boolean): string | null {
  switch (type) {
    case 'NAME':
      return surrogateName(h, text);
    case 'PROVIDER_NAME':
      return keepProviders ? null : surrogateName(h, text);
    case 'NPI':
      return keepProviders ? null : surrogateChars(h, 'npi', text);
    case 'FACILITY_NAME':
      return surrogateFacility(h, text);
    case 'ADDRESS':
      return surrogateAddress(h, text);
    case 'LOCATION':
      return surrogatePlace(h, text);
    case 'ZIP':
      return generalizeZip(text);
    case 'DATE':
      return shiftDate(text, offset) ?? MASK_TOKEN.DATE;
    case 'AGE_OVER_89':
      return '90+';
    case 'PHONE':
    case 'FAX':
      return surrogatePhone(h, text);
    case 'EMAIL':
      return surrogateEmail(h, text);
    case 'URL':
      return surrogateUrl(h, text);
    case 'IP_ADDRESS':
      return surrogateIp(h, text);
    case 'BIOMETRIC_ID':
    case 'PHOTO':
      return MASK_TOKEN[type];
    default:
      return surrogateChars(h, type, text);
  }
}

export class Deidentifier {
  private readonly seed: Buffer;

  constructor(private readonly options: DeidOptions = {}) {
    this.seed = options.seed === undefined ? randomBytes(32) : Buffer.isBuffer(options.seed) ? options.seed : Buffer.from(options.seed, 'utf8');
  }

  /** The per-patient key: patients never share surrogates or offsets. */
  patientKey(patient: string): Buffer {
    return createHmac('sha256', this.seed).update('patient').update('\0').update(patient).digest();
  }

  /** De-identifies one document of `patient` (default: one patient for the whole run). */
  deidentify(text: string, patient = '', spans: readonly IdentifierSpan[] = detectIdentifiers(text)): DeidResult {
    const key = this.patientKey(patient);
    const h = new Hasher(key);
    const offset = dateOffset(key);
    const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
    let out = '';
    let at = 0;
    const replacements: Replacement[] = [];
    for (const s of sorted) {
      if (s.start < at) continue;
      const original = text.slice(s.start, s.end);
      const repl = surrogate(h, s.type, original, offset, !!this.options.keepProviders);
      if (repl === null) continue;
      out += text.slice(at, s.start);
      replacements.push({ start: out.length, end: out.length + repl.length, type: s.type });
      out += repl;
      at = s.end;
    }
    return { text: out + text.slice(at), replacements };
  }
}
