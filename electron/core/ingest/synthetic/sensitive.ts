/**
 * Sensitive history sections planted in the notes, one canary phrase each. The wording is what the
 * DS4P tagger recognises (tests check the stored section labels), written the way clinicians do.
 * `related` texts back up the encounter's own diagnoses; the others are history a coder working
 * that encounter has no need to see.
 */
import type { Ds4pLabel } from '../../redaction/types';
import type { Prng } from './prng';

export type PlantedLabel = 'ETH' | 'PSY' | 'HIV' | 'SEX' | 'GDIS' | 'STD' | 'SDV' | 'PSYTHPN';

export interface SensitiveBlock {
  label: PlantedLabel;
  /** The section header, as it will be written (followed by a colon). */
  header: string;
  body: string;
}

/** The sentence that carries the canary phrase. */
const marker = (phrase: string): string => `Discussed with the patient today (${phrase}).`;

const TEXTS: Record<PlantedLabel, { header: string; related: string[]; unrelated: string[] }> = {
  ETH: {
    header: 'SUBSTANCE USE HISTORY',
    related: [
      'Long-standing alcohol use disorder; drinks 10 to 12 beers daily, last drink two days before arrival. Prior alcohol withdrawal seizure in 2019.',
      'Opioid use disorder since age 26 after a work injury; previously used heroin intranasally. Stable on buprenorphine-naloxone with negative urine screens.',
    ],
    unrelated: [
      'Opioid use disorder in sustained remission on methadone maintenance 80 mg daily through an opioid treatment program.',
      'History of alcohol use disorder, completed residential treatment in 2018 and attends AA meetings weekly.',
    ],
  },
  PSY: {
    header: 'PSYCHIATRIC HISTORY',
    related: [
      'Major depressive disorder, recurrent, first episode at age 19; two prior psychiatric hospitalizations. PHQ-9 today 16.',
      'Recurrent major depression with anxiety; prior trials of fluoxetine and bupropion. Engaged in weekly cognitive behavioral therapy.',
    ],
    unrelated: [
      'Bipolar I disorder diagnosed at age 24, maintained on lithium 300 mg twice daily; last manic episode in 2021. Followed by outpatient psychiatry.',
      'Schizoaffective disorder, bipolar type, stable on monthly paliperidone injections; no hospitalization in three years.',
    ],
  },
  HIV: {
    header: 'PAST MEDICAL HISTORY',
    related: [
      'HIV infection diagnosed in 2014 on Biktarvy one tablet daily. Most recent HIV viral load 48 copies/mL and CD4 count 612 cells/uL.',
      'HIV disease since 2011, nadir CD4 count 190; antiretroviral therapy with Biktarvy since 2019 with good adherence.',
    ],
    unrelated: [
      'HIV infection on antiretroviral therapy (Biktarvy), last viral load 40 copies/mL. Hyperlipidemia.',
      'HIV positive since 2016, on Dovato, CD4 count 740 cells/uL. Seasonal allergies.',
    ],
  },
  SEX: {
    header: 'SEXUAL HISTORY',
    related: [
      'Currently pregnant, G2P1, estimated date of delivery in the fall. First pregnancy was an uncomplicated vaginal delivery. One prior miscarriage at 8 weeks.',
      'G3P1 with one elective abortion in 2017; this pregnancy was planned. Prenatal vitamins since conception.',
    ],
    unrelated: [
      'Sexually active with one partner; uses oral contraceptives. History of one spontaneous abortion in 2020.',
      'Levonorgestrel IUD placed in 2022 for contraception. Two prior pregnancies, one elective termination of pregnancy.',
    ],
  },
  GDIS: {
    header: 'RISK FACTORS',
    related: [
      'Germline genetic testing in 2023 identified a pathogenic BRCA1 variant. Mother had breast cancer at 41; patient met with a genetic counselor.',
      'BRCA1 pathogenic variant confirmed on multigene panel genetic testing; cascade testing offered to siblings.',
    ],
    unrelated: [
      'Known BRCA1 mutation carrier identified on genetic testing in 2019; has declined risk-reducing surgery.',
      'Lynch syndrome confirmed by germline genetic testing (MSH2 pathogenic variant); colonoscopy every year.',
    ],
  },
  STD: {
    header: 'PAST MEDICAL HISTORY',
    related: ['Chlamydia trachomatis infection in 2019, treated with azithromycin; partner treated as well.'],
    unrelated: [
      'Chlamydia trachomatis infection in 2019, treated with azithromycin; partner treated as well.',
      'Treated for gonorrhea in 2021 with ceftriaxone. Hypothyroidism on levothyroxine.',
    ],
  },
  SDV: {
    header: 'PSYCHOSOCIAL HISTORY',
    related: ['Disclosed domestic violence by a former partner in 2022; has a safety plan and now lives apart from him.'],
    unrelated: [
      'Disclosed domestic violence by a former partner in 2022; has a safety plan and now lives apart from him.',
      'History of intimate partner violence; a protective order has been in place since 2021.',
    ],
  },
  PSYTHPN: {
    header: 'PSYCHOTHERAPY NOTE',
    related: [
      'Session focused on grief after the death of a brother; explored recurring nightmares and guilt. Practiced grounding exercises.',
      'Processed conflict with an adult daughter; identified avoidance patterns and rehearsed a conversation plan.',
    ],
    unrelated: [
      'Session focused on grief after the death of a brother; explored recurring nightmares and guilt. Practiced grounding exercises.',
      'Processed conflict with an adult daughter; identified avoidance patterns and rehearsed a conversation plan.',
    ],
  },
};

export function sensitiveBlock(rng: Prng, label: PlantedLabel, related: boolean, phrase: string): SensitiveBlock {
  const t = TEXTS[label];
  const body = rng.pick(related ? t.related : t.unrelated);
  return { label, header: t.header, body: `${body} ${marker(phrase)}` };
}

/** The labels planted as unrelated history, in rotation order (psychotherapy notes are documents of their own). */
export const PLANTED_LABELS: readonly PlantedLabel[] = ['PSY', 'ETH', 'HIV', 'GDIS', 'SEX', 'STD', 'SDV'];

export const isPlantedLabel = (l: Ds4pLabel): l is PlantedLabel => l in TEXTS;
