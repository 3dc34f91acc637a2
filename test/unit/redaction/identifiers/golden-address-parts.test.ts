/** Hand-written cases for address parts, labelled postcodes, phones before a period and name shapes. */
import { describe, expect, it } from 'vitest';
import { spans, covered, touched } from '../../../support/identifier-spans';


describe('address parts around a street address', () => {
  it('takes a building number written before the street', () => {
    const text = 'Mail it to 4417 Brindlewood Avenue please.';
    expect(covered(text, '4417 Brindlewood Avenue')).toBe(true);
    const euro = 'Send it to 812 Vaskikatu 19 by Friday.';
    expect(covered(euro, '812')).toBe(true);
  });

  it('takes the town, region code, postcode and country lines after it', () => {
    const text = 'Ship to 23 Quarry Lane\nTorvelden\n, QX\n Freedonia 40412';
    for (const part of ['Torvelden', 'QX', '40412']) expect(touched(text, part)).toBe(true);
    const spaced = 'Ship to 23 Quarry Lane\nMarlowby, 17 40412';
    expect(touched(spaced, '17')).toBe(true);
    expect(touched(spaced, '40412')).toBe(true);
  });

  it('leaves a US state after the town unflagged, and stops at the end of the sentence', () => {
    const text = 'He lives at 88 Larkspur Road, Plainsboro, NJ 08536. He walks daily 5 miles.';
    expect(touched(text, 'NJ')).toBe(false);
    expect(covered(text, '08536')).toBe(true);
    expect(touched(text, '5 miles')).toBe(false);
  });

  it('leaves numbers before clinical words alone', () => {
    expect(spans('Given 2 tablets then 4 more at noon.').filter((s) => s.type === 'ADDRESS')).toEqual([]);
  });
});

describe('postcodes after a label', () => {
  it.each([
    ['My zip code is 60614', '60614'],
    ['ZIP: 4021', '4021'],
    ['postal code K2P 1L4 on file', 'K2P 1L4'],
  ])('%s', (text, code) => {
    expect(spans(text).some((s) => s.type === 'ZIP')).toBe(true);
    expect(covered(text, code)).toBe(true);
  });

  it('needs the label', () => {
    expect(spans('Hemoglobin A1c 6.1, creatinine 1.2, 4021 units given.').filter((s) => s.type === 'ZIP')).toEqual([]);
  });
});

describe('phones at the end of a sentence', () => {
  it('finds a two-group number after its label before a period', () => {
    const text = 'Texts go to my registered 481 2297. Thanks.';
    expect(covered(text, '481 2297')).toBe(true);
  });
});

describe('name shapes', () => {
  it.each([
    ['Quillan Garcia came in today with his cough.', 'Quillan Garcia'],
    ['Have you met Ovrelio T Brandquist before?', 'Ovrelio T Brandquist'],
    ['Directed by Tamsiel R. Vornhagen last spring.', 'Tamsiel R. Vornhagen'],
    ['hello, my name is maria lopez', 'maria lopez'],
  ])('%s', (text, name) => {
    expect(covered(text, name)).toBe(true);
  });

  it('does not read a clinical eponym or device as a name', () => {
    const text = 'History of de Quervain tenosynovitis. LIMA to LAD graft patent. A NexGen component was used.';
    expect(spans(text).filter((s) => s.type === 'NAME' || s.type === 'PROVIDER_NAME')).toEqual([]);
  });
});

describe('towns after a cue', () => {
  it.each([
    ['She grew up in Velmora Kessby and moved here last year.', 'Velmora Kessby'],
    ['He flew to KESTRELBY on Monday.', 'KESTRELBY'],
    ['Originally from Puerto Quelsa.', 'Puerto Quelsa'],
  ])('%s', (text, town) => {
    expect(covered(text, town)).toBe(true);
  });

  it('takes no common word, state or country, and stops before prose in capitals', () => {
    expect(spans('Born in March. Moved to Assisted Living. Lives in Ohio. Born in Canada.').filter((s) => s.type === 'LOCATION')).toEqual([]);
    const caps = 'HE LIVES IN BRAMWICK IN A HOUSE.';
    expect(touched(caps, 'BRAMWICK')).toBe(true);
    expect(touched(caps, 'HOUSE')).toBe(false);
  });
});

describe('placeholders and capitalised prose', () => {
  it('does not flag Dr. X, Mr. XYZ or ABCD Hospital', () => {
    const text = 'Seen by Dr. X.  The patient of Dr. XYZ was sent to ABCD General Hospital.';
    expect(spans(text).filter((s) => s.type === 'PROVIDER_NAME' || s.type === 'NAME' || s.type === 'FACILITY_NAME')).toEqual([]);
  });

  it('reads no street address in capitalised operative prose', () => {
    const text = 'THE WOUND WAS CLOSED. 4-0 NYLON WAS USED TO RUN THE SKIN. 11 O CLOCK POSITION ALL THE WAY.';
    expect(spans(text).filter((s) => s.type === 'ADDRESS')).toEqual([]);
    expect(covered('HOME: 1200 MAPLE GROVE ROAD', '1200 MAPLE GROVE ROAD')).toBe(true);
  });
});

describe('street corners and street-type words after the name', () => {
  it.each([
    ['The crash was at the corner of Delmont and 9th Street.', 'Delmont and 9th Street'],
    ['Meet at the corner of ul. Brzozowa 12 and Halvey Trail.', 'ul. Brzozowa 12 and Halvey Trail'],
    ['The office is at Szilvafa u. 41. on the left.', 'Szilvafa u. 41'],
  ])('%s', (text, street) => {
    expect(covered(text, street)).toBe(true);
  });

  it('reads no street in an anatomical corner or an eye exam', () => {
    const text = 'Incision at the medial corner of the mortise and curving anterior. OS. INTRAOCULAR PRESSURES ARE 13.';
    expect(spans(text).filter((s) => s.type === 'ADDRESS')).toEqual([]);
  });
});
