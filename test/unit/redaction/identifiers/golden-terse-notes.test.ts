/**
 * Terse clinical notes (bedside nursing style), written here: the clinical notation they are full of
 * is no identifier, and the identifiers they hold in passing are found (at the disclosure operating point).
 */
import { describe, expect, it } from 'vitest';
import { detectIdentifiers } from '../../../../electron/core/redaction/identifiers/index';
import { touched } from '../../../support/identifier-spans';

describe('clinical notation is no identifier', () => {
  it.each([
    'SBP 110-150 overnight, HR 70-90s.',
    'Vent on A/C 550x14, FiO2 40%, PEEP 8.',
    'a/c 700x10 no changes made.',
    'Tolerating PSV 12/5 since noon; CPAP/PSV 15/8/35% overnight.',
    'Nursing shift 1900-0700 uneventful.',
    'Placed on 1st step mattress, 2nd bag hung.',
    'Pt resting and comfortable.no new complaints.',
    'Aline intact, NGT to LIS, cont to monitor.',
    'Neo gtt titrated, Levo off. PERRL, MAE.',
    'As per flowsheet and as per Carevue.',
    'Called son/daughter to update.',
  ])('finds nothing in %s', (text) => {
    expect(detectIdentifiers(text)).toEqual([]);
  });
});

describe('identifiers written in passing', () => {
  it.each([
    ['dr hallworth aware of k+ 3.1.', 'hallworth'],
    ['Plan discussed with dr. fenwick.', 'fenwick'],
    ['mr pellegrino slept well.', 'pellegrino'],
    ['son timothy in to visit, updated.', 'timothy'],
    ['daughter "rosalind" at bedside.', 'rosalind'],
    ['all quiet overnight. b. okonkwo rrt', 'okonkwo'],
    ['K REPLETED. J. VANTERPOOL AWARE.', 'VANTERPOOL'],
    ['Beeper #41782 for questions.', '41782'],
    ['PG 29031 if needed.', '29031'],
    ['please call 4-5123 with questions', '4-5123'],
    ['Pt transferred to MWH for cath.', 'MWH'],
    ['TRANSFERRED FROM BVAMC ICU LAST NIGHT.', 'BVAMC'],
    ['to go to brackenridge 4 when bed ready.', 'brackenridge'],
    ['Went to Seacliff Hosp with chest pain.', 'Seacliff'],
    ['Was accepted by St. Bartholomew today.', 'Bartholomew'],
    ['PMH: CABG 1962, AVR 1978.', '1962'],
    ['PMH: AVR 9/86, DM.', '9/86'],
    ['s/p cabg \'91 and stent.', '91'],
    ['Readmitted to unit 9/4 w/ fever.', '9/4'],
    ['HAD A FALL ON 6/10 AT HOME.', '6/10'],
    ['visited by Marguerite (wife) today', 'Marguerite'],
    ['spoke with sue - daughter.', 'sue'],
    ['DR.WINSLOW AWARE', 'WINSLOW'],
    ['pt lives in hartford with wife', 'hartford'],
  ])('%s', (text, needle) => {
    expect(touched(text, needle)).toBe(true);
  });

  it('keeps years and other weak candidates out of chart views', () => {
    const text = 'PMH: CABG 1962, AVR 1978.';
    expect(detectIdentifiers(text, { operatingPoint: 'viewing' })).toEqual([]);
    expect(detectIdentifiers(text).map((s) => s.text)).toEqual(['1962', '1978']);
  });

  it('joins a given name, an initial and a signed surname into one name', () => {
    expect(detectIdentifiers('DOROTHEA K. ABERNATHY, RRT').map((s) => s.text)).toEqual(['DOROTHEA K. ABERNATHY']);
  });
});

describe('outpatient and discharge note forms', () => {
  it.each([
    ['Electronically signed: Harold T. Winterbourne, M.D.', 'Winterbourne'],
    ['HTW/kmr', 'HTW/kmr'],
    ['Seen in clinic in March; follow up next October.', 'October'],
    ['EMR #: 88213', '88213'],
    ['Pager 60418', '60418'],
    ['PMH: MI 4/97, stent.', '4/97'],
  ])('%s', (text, needle) => {
    expect(touched(text, needle)).toBe(true);
  });

  it('takes a month alone as a weak date only after a time word, and not the verb may', () => {
    expect(detectIdentifiers('It may be in may or later.')).toEqual([]);
    expect(detectIdentifiers('Seen in March.', { operatingPoint: 'viewing' })).toEqual([]);
  });
});

describe('street addresses beside the clinical-word check', () => {
  it('keeps a street whose words are also clinical or directions, and drops clinical words before a street-type abbreviation', () => {
    expect(touched('He lives at 1223 West Maple St, Jacksboro.', '1223 West Maple St')).toBe(true);
    expect(touched('HE LIVES AT 7280 WEST LAKEVIEW ST, MAPLE LAKE.', '7280 WEST LAKEVIEW ST')).toBe(true);
    expect(detectIdentifiers('1 PLEURAL AND 2 MEDIASTINAL CT DRAINING.')).toEqual([]);
  });
});

describe('years of shifted surrogate dates', () => {
  it('takes a year alone up to 2099 (not a clock time then), but not a quantity', () => {
    expect(touched('Seen in 2069 for chest pain.', '2069')).toBe(true);
    expect(detectIdentifiers('Intake 2080 cc, goal 2000 kcal, turned at 2030.')).toEqual([]);
  });
});
