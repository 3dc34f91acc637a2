import { describe, expect, it } from 'vitest';
import { luhnValid, npiValid, ssnValid, vinCheckDigitValid } from '../../../../electron/core/redaction/identifiers/checksums';
import { detectIdentifiers } from '../../../../electron/core/redaction/identifiers/index';

const typesOf = (text: string) => detectIdentifiers(text).map((s) => [s.type, s.text]);

describe('checksums', () => {
  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('NPI: Luhn over 80840 + the ten digits', () => {
    expect(npiValid('1234567893')).toBe(true); // CMS's published example
    expect(npiValid('1234567890')).toBe(false);
    expect(npiValid('3234567893')).toBe(false); // must start 1 or 2
    expect(npiValid('123456789')).toBe(false);
  });

  it('SSN issuance rules: area not 000/666/9xx, group not 00, serial not 0000', () => {
    expect(ssnValid('123', '45', '6789')).toBe(true);
    for (const [a, g, s] of [['000', '12', '3456'], ['666', '12', '3456'], ['900', '12', '3456'], ['999', '12', '3456'], ['123', '00', '4567'], ['123', '45', '0000']])
      expect(ssnValid(a!, g!, s!)).toBe(false);
  });

  it('VIN check digit', () => {
    expect(vinCheckDigitValid('1HGCM82633A004352')).toBe(true);
    expect(vinCheckDigitValid('1HGCM82643A004352')).toBe(false);
  });
});

describe('checksums in the detector', () => {
  it('types an NPI only when its check digit is right', () => {
    expect(typesOf('Rendering NPI 1234567893.')).toContainEqual(['NPI', '1234567893']);
    expect(typesOf('Billing NPI: 1234567890').map((t) => t[0])).not.toContain('NPI');
    expect(typesOf('1234567893')).toContainEqual(['NPI', '1234567893']);
  });

  it('types an SSN only when the issuance rules allow it, and still masks the lookalike', () => {
    expect(typesOf('SSN 123-45-6789')).toContainEqual(['SSN', '123-45-6789']);
    for (const bad of ['000-12-3456', '666-12-3456', '912-34-5678', '123-00-4567', '123-45-0000']) {
      const found = typesOf(`SSN ${bad}`);
      expect(found.map((t) => t[0])).not.toContain('SSN');
      expect(found.map((t) => t[1])).toContain(bad);
    }
    expect(typesOf('social security number 123456789')).toContainEqual(['SSN', '123456789']);
  });
});
