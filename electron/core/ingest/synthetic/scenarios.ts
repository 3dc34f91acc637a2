/**
 * Clinical scenarios the demo generator draws encounters from: coded diagnoses (ICD-10-CM,
 * principal first), SNOMED problems, billed services (CPT/HCPCS), ICD-10-PCS for inpatient
 * procedures, medications (RxNorm), labs (LOINC) and the narrative pieces the notes are built from.
 * Codes are real code values; the people and stories are invented.
 */
import type { Ds4pLabel } from '../../redaction/types';

export interface Coded {
  code: string;
  display: string;
}

export interface Service extends Coded {
  system: 'CPT' | 'HCPCS';
  charge: number;
  modifiers?: string[];
  units?: number;
}

export interface LabDef {
  loinc: string;
  display: string;
  /** How a result report names it. */
  name: string;
  unit: string;
  refLow: number;
  refHigh: number;
  /** Range the value is drawn from (may sit outside the reference range, which flags H/L). */
  lo: number;
  hi: number;
  places?: number;
}

export interface MedDef {
  rxnorm: string;
  display: string;
  dose: string;
}

export interface SurgeryDef {
  title: string;
  indication: string;
  findings: string;
  description: string;
  anesthesia: string;
  ebl: string;
  implants?: string;
}

export interface Scenario {
  key: string;
  classCode: 'IMP' | 'AMB' | 'EMER';
  typeDisplay: string;
  reason: string;
  specialty: string;
  sex?: 'female';
  /** Inpatient length of stay range in days. */
  los?: [number, number];
  dx: Coded[];
  problems: Coded[];
  services: Service[];
  pcs?: Coded[];
  meds: MedDef[];
  labs: LabDef[];
  complaint: string;
  hpi: string;
  exam: string;
  course: string;
  plan: string;
  surgery?: SurgeryDef;
  consult?: { specialty: string; question: string; recommendation: string };
  /** Writes a psychotherapy note too (its own document, withheld from most purposes). */
  psychotherapy?: boolean;
  /** Sensitive history that belongs to this encounter's own diagnoses (planted as a canary section). */
  related: Ds4pLabel[];
}

export const LAB = {
  sodium: { loinc: '2951-2', display: 'Sodium [Moles/volume] in Serum or Plasma', name: 'Sodium', unit: 'mmol/L', refLow: 135, refHigh: 145, lo: 128, hi: 146, places: 0 },
  potassium: { loinc: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma', name: 'Potassium', unit: 'mmol/L', refLow: 3.5, refHigh: 5.1, lo: 3.0, hi: 5.4 },
  creatinine: { loinc: '2160-0', display: 'Creatinine [Mass/volume] in Serum or Plasma', name: 'Creatinine', unit: 'mg/dL', refLow: 0.6, refHigh: 1.3, lo: 0.6, hi: 2.1, places: 2 },
  glucose: { loinc: '2345-7', display: 'Glucose [Mass/volume] in Serum or Plasma', name: 'Glucose', unit: 'mg/dL', refLow: 70, refHigh: 99, lo: 78, hi: 260, places: 0 },
  wbc: { loinc: '6690-2', display: 'Leukocytes [#/volume] in Blood by Automated count', name: 'WBC', unit: '10*3/uL', refLow: 4.0, refHigh: 11.0, lo: 3.6, hi: 17.8 },
  hgb: { loinc: '718-7', display: 'Hemoglobin [Mass/volume] in Blood', name: 'Hemoglobin', unit: 'g/dL', refLow: 12.0, refHigh: 17.5, lo: 9.1, hi: 15.8 },
  plt: { loinc: '777-3', display: 'Platelets [#/volume] in Blood by Automated count', name: 'Platelets', unit: '10*3/uL', refLow: 150, refHigh: 400, lo: 88, hi: 410, places: 0 },
  alt: { loinc: '1742-6', display: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', name: 'ALT', unit: 'U/L', refLow: 7, refHigh: 56, lo: 18, hi: 144, places: 0 },
  a1c: { loinc: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', name: 'Hemoglobin A1c', unit: '%', refLow: 4.0, refHigh: 5.6, lo: 6.8, hi: 10.4 },
  bnp: { loinc: '30934-4', display: 'Natriuretic peptide B [Mass/volume] in Serum or Plasma', name: 'BNP', unit: 'pg/mL', refLow: 0, refHigh: 100, lo: 380, hi: 2400, places: 0 },
  troponin: { loinc: '10839-9', display: 'Troponin I.cardiac [Mass/volume] in Serum or Plasma', name: 'Troponin I', unit: 'ng/mL', refLow: 0, refHigh: 0.04, lo: 0.0, hi: 0.03, places: 2 },
  hivLoad: { loinc: '20447-9', display: 'HIV 1 RNA [#/volume] (viral load) in Serum or Plasma by NAA with probe detection', name: 'HIV-1 RNA viral load', unit: 'copies/mL', refLow: 0, refHigh: 20, lo: 21, hi: 180, places: 0 },
  cd4: { loinc: '24467-3', display: 'CD3+CD4+ (T4 helper) cells [#/volume] in Blood', name: 'CD4 count', unit: 'cells/uL', refLow: 500, refHigh: 1500, lo: 380, hi: 910, places: 0 },
  hcg: { loinc: '2106-3', display: 'Choriogonadotropin (pregnancy test) [Presence] in Urine', name: 'Urine hCG', unit: '', refLow: 0, refHigh: 0, lo: 1, hi: 1, places: 0 },
  ethanol: { loinc: '5643-2', display: 'Ethanol [Mass/volume] in Serum or Plasma', name: 'Serum ethanol', unit: 'mg/dL', refLow: 0, refHigh: 10, lo: 40, hi: 180, places: 0 },
  lithium: { loinc: '14334-7', display: 'Lithium [Moles/volume] in Serum or Plasma', name: 'Lithium level', unit: 'mmol/L', refLow: 0.6, refHigh: 1.2, lo: 0.5, hi: 1.1 },
} satisfies Record<string, LabDef>;

const E_M = {
  admit: { system: 'CPT', code: '99223', display: 'Initial hospital inpatient care, high', charge: 412 },
  subsequent: { system: 'CPT', code: '99232', display: 'Subsequent hospital inpatient care, moderate', charge: 168 },
  discharge: { system: 'CPT', code: '99239', display: 'Hospital discharge day management, more than 30 minutes', charge: 236 },
  ed: { system: 'CPT', code: '99285', display: 'Emergency department visit, high', charge: 1240, modifiers: ['25'] },
  office: { system: 'CPT', code: '99214', display: 'Office or other outpatient visit, established, moderate', charge: 228 },
  officeNew: { system: 'CPT', code: '99204', display: 'Office or other outpatient visit, new, moderate', charge: 312 },
  cbc: { system: 'CPT', code: '85025', display: 'Complete blood count with automated differential', charge: 38 },
  cmp: { system: 'CPT', code: '80053', display: 'Comprehensive metabolic panel', charge: 61 },
  venipuncture: { system: 'CPT', code: '36415', display: 'Routine venipuncture', charge: 14 },
  cxr: { system: 'CPT', code: '71046', display: 'Radiologic examination, chest; 2 views', charge: 198, modifiers: ['26'] },
  ecg: { system: 'CPT', code: '93010', display: 'Electrocardiogram, interpretation and report only', charge: 46 },
} satisfies Record<string, Service>;

export const SCENARIOS: readonly Scenario[] = [
  {
    key: 'pneumonia',
    classCode: 'IMP',
    typeDisplay: 'Inpatient admission',
    reason: 'Community-acquired pneumonia',
    specialty: 'Hospital Medicine',
    los: [3, 6],
    dx: [
      { code: 'J18.9', display: 'Pneumonia, unspecified organism' },
      { code: 'J96.01', display: 'Acute respiratory failure with hypoxia' },
      { code: 'E11.9', display: 'Type 2 diabetes mellitus without complications' },
      { code: 'I10', display: 'Essential (primary) hypertension' },
    ],
    problems: [
      { code: '233604007', display: 'Pneumonia' },
      { code: '44054006', display: 'Diabetes mellitus type 2' },
    ],
    services: [E_M.admit, E_M.subsequent, E_M.discharge, E_M.cxr, E_M.cbc, E_M.cmp],
    pcs: [{ code: '3E033GC', display: 'Introduction of other therapeutic substance into peripheral vein, percutaneous approach' }],
    meds: [
      { rxnorm: '1665021', display: 'ceftriaxone 1 GM Injection', dose: '1 g IV every 24 hours' },
      { rxnorm: '308460', display: 'azithromycin 250 MG Oral Tablet', dose: '500 mg daily for 3 days' },
      { rxnorm: '860975', display: 'metformin hydrochloride 500 MG Extended Release Oral Tablet', dose: '500 mg twice daily' },
    ],
    labs: [LAB.wbc, LAB.hgb, LAB.sodium, LAB.creatinine, LAB.glucose],
    complaint: 'Fever, productive cough and shortness of breath for four days.',
    hpi: 'presents with four days of fever to 102.4 F, cough productive of rusty sputum and worsening dyspnea. Oxygen saturation was 86% on room air in triage.',
    exam: 'Febrile, tachypneic. Crackles and bronchial breath sounds over the right lower lobe. No peripheral edema.',
    course: 'Chest radiograph showed right lower lobe consolidation. Treated with ceftriaxone and azithromycin with steady improvement; weaned from 4 L nasal cannula to room air by hospital day three.',
    plan: 'Complete a five-day antibiotic course. Repeat chest film in six weeks. Resume metformin.',
    related: [],
  },
  {
    key: 'alcohol-withdrawal',
    classCode: 'IMP',
    typeDisplay: 'Inpatient admission',
    reason: 'Alcohol withdrawal',
    specialty: 'Hospital Medicine',
    los: [2, 5],
    dx: [
      { code: 'F10.239', display: 'Alcohol dependence with withdrawal, unspecified' },
      { code: 'K70.30', display: 'Alcoholic cirrhosis of liver without ascites' },
      { code: 'E87.1', display: 'Hypo-osmolality and hyponatremia' },
    ],
    problems: [{ code: '66590003', display: 'Alcohol dependence' }],
    services: [E_M.admit, E_M.subsequent, E_M.discharge, E_M.cmp, E_M.cbc],
    pcs: [{ code: 'HZ2ZZZZ', display: 'Detoxification services for substance abuse treatment' }],
    meds: [
      { rxnorm: '197901', display: 'lorazepam 1 MG Oral Tablet', dose: '1-2 mg by CIWA-Ar protocol' },
      { rxnorm: '316812', display: 'thiamine 100 MG Oral Tablet', dose: '100 mg daily' },
      { rxnorm: '310410', display: 'folic acid 1 MG Oral Tablet', dose: '1 mg daily' },
    ],
    labs: [LAB.sodium, LAB.alt, LAB.plt, LAB.ethanol],
    complaint: 'Tremor, sweating and agitation.',
    hpi: 'presents with tremulousness, diaphoresis and visual disturbance about 36 hours after the last drink. CIWA-Ar score on arrival was 19.',
    exam: 'Tremulous, diaphoretic, oriented. Heart rate 118. Mild hepatomegaly.',
    course: 'Managed on the symptom-triggered lorazepam protocol with thiamine and folate. CIWA-Ar scores fell below 8 by day two. Seen by the addiction medicine team.',
    plan: 'Naltrexone discussed; referral to the intensive outpatient program. Follow up in the clinic in one week.',
    consult: { specialty: 'Psychiatry', question: 'alcohol use disorder treatment planning', recommendation: 'Start naltrexone after liver tests are reviewed; intensive outpatient program.' },
    related: ['ETH'],
  },
  {
    key: 'hiv-followup',
    classCode: 'AMB',
    typeDisplay: 'Office visit',
    reason: 'HIV follow-up',
    specialty: 'Infectious Disease',
    dx: [
      { code: 'B20', display: 'Human immunodeficiency virus [HIV] disease' },
      { code: 'E78.5', display: 'Hyperlipidemia, unspecified' },
    ],
    problems: [{ code: '86406008', display: 'Human immunodeficiency virus infection' }],
    services: [E_M.office, { system: 'CPT', code: '87536', display: 'HIV-1 quantification', charge: 182 }, E_M.venipuncture],
    meds: [{ rxnorm: '1999563', display: 'bictegravir 50 MG / emtricitabine 200 MG / tenofovir alafenamide 25 MG Oral Tablet', dose: 'one tablet daily' }],
    labs: [LAB.hivLoad, LAB.cd4, LAB.creatinine],
    complaint: 'Routine follow-up.',
    hpi: 'returns for routine follow-up of chronic disease. Reports full adherence and no missed doses, no fevers or weight loss.',
    exam: 'Well appearing. No lymphadenopathy. Oropharynx clear.',
    course: 'Labs drawn today.',
    plan: 'Continue the current regimen. Repeat labs in three months.',
    related: ['HIV'],
  },
  {
    key: 'knee-arthroplasty',
    classCode: 'IMP',
    typeDisplay: 'Surgical admission',
    reason: 'Right knee osteoarthritis, elective arthroplasty',
    specialty: 'Orthopaedic Surgery',
    los: [2, 3],
    dx: [
      { code: 'M17.11', display: 'Unilateral primary osteoarthritis, right knee' },
      { code: 'I10', display: 'Essential (primary) hypertension' },
    ],
    problems: [{ code: '239873007', display: 'Osteoarthritis of knee' }],
    services: [
      { system: 'CPT', code: '27447', display: 'Arthroplasty, knee, condyle and plateau; medial and lateral compartments', charge: 4850, modifiers: ['RT'] },
      E_M.cbc,
      { system: 'HCPCS', code: 'J1885', display: 'Injection, ketorolac tromethamine, per 15 mg', charge: 22, units: 2 },
    ],
    pcs: [{ code: '0SRC0J9', display: 'Replacement of right knee joint with synthetic substitute, cemented, open approach' }],
    meds: [
      { rxnorm: '1049621', display: 'oxycodone hydrochloride 5 MG Oral Tablet', dose: '5 mg every 6 hours as needed' },
      { rxnorm: '854235', display: 'enoxaparin sodium 40 MG/0.4ML Prefilled Syringe', dose: '40 mg subcutaneously daily' },
      { rxnorm: '197361', display: 'amlodipine 5 MG Oral Tablet', dose: '5 mg daily' },
    ],
    labs: [LAB.hgb, LAB.creatinine],
    complaint: 'Right knee pain limiting ambulation.',
    hpi: 'has end-stage right knee osteoarthritis with bone-on-bone medial compartment narrowing, failed injections and physical therapy, admitted for elective total knee arthroplasty.',
    exam: 'Right knee varus deformity, crepitus, range of motion 5 to 95 degrees. Distal pulses intact.',
    course: 'Underwent uncomplicated right total knee arthroplasty. Physical therapy from postoperative day zero; ambulating 150 feet with a walker at discharge.',
    plan: 'Enoxaparin for 14 days. Outpatient physical therapy. Staple removal at two weeks.',
    surgery: {
      title: 'Right total knee arthroplasty',
      indication: 'End-stage right knee osteoarthritis refractory to conservative care.',
      findings: 'Severe tricompartmental degenerative change, worst medially.',
      description: 'Medial parapatellar arthrotomy. Distal femoral and proximal tibial cuts made with standard instrumentation. Components cemented. Layered closure.',
      anesthesia: 'Spinal with adductor canal block.',
      ebl: '150 mL',
      implants: 'Cemented posterior-stabilized femoral component size 5, tibial tray size 4, 10 mm polyethylene insert.',
    },
    related: [],
  },
  {
    key: 'depression-visit',
    classCode: 'AMB',
    typeDisplay: 'Office visit',
    reason: 'Depression follow-up',
    specialty: 'Psychiatry',
    dx: [{ code: 'F33.1', display: 'Major depressive disorder, recurrent, moderate' }],
    problems: [{ code: '370143000', display: 'Major depressive disorder' }],
    services: [
      { system: 'CPT', code: '99214', display: 'Office or other outpatient visit, established, moderate', charge: 228 },
      { system: 'CPT', code: '90833', display: 'Psychotherapy, 30 minutes with patient when performed with an E/M service', charge: 96 },
      { system: 'CPT', code: '96127', display: 'Brief emotional/behavioral assessment', charge: 18 },
    ],
    meds: [{ rxnorm: '312940', display: 'sertraline 50 MG Oral Tablet', dose: '100 mg daily' }],
    labs: [],
    complaint: 'Medication follow-up.',
    hpi: 'returns for medication management. Sleep and appetite improved, energy still low. No thoughts of self-harm.',
    exam: 'Calm, cooperative, good eye contact. Linear and goal-directed thought process.',
    course: 'PHQ-9 administered today.',
    plan: 'Increase sertraline to 150 mg daily. Continue weekly therapy. Return in four weeks.',
    psychotherapy: true,
    related: ['PSY'],
  },
  {
    key: 'chf',
    classCode: 'IMP',
    typeDisplay: 'Inpatient admission',
    reason: 'Acute on chronic systolic heart failure',
    specialty: 'Cardiology',
    los: [3, 7],
    dx: [
      { code: 'I50.23', display: 'Acute on chronic systolic (congestive) heart failure' },
      { code: 'I11.0', display: 'Hypertensive heart disease with heart failure' },
      { code: 'N18.30', display: 'Chronic kidney disease, stage 3 unspecified' },
    ],
    problems: [{ code: '84114007', display: 'Heart failure' }],
    services: [E_M.admit, E_M.subsequent, E_M.subsequent, E_M.discharge, { system: 'CPT', code: '93306', display: 'Echocardiography, transthoracic, complete, with Doppler', charge: 1120, modifiers: ['26'] }, E_M.cmp],
    meds: [
      { rxnorm: '310429', display: 'furosemide 20 MG Oral Tablet', dose: '40 mg IV twice daily, then 40 mg by mouth daily' },
      { rxnorm: '314076', display: 'lisinopril 10 MG Oral Tablet', dose: '10 mg daily' },
    ],
    labs: [LAB.bnp, LAB.sodium, LAB.potassium, LAB.creatinine],
    complaint: 'Leg swelling and orthopnea.',
    hpi: 'with known ischemic cardiomyopathy (ejection fraction 30%) presents with two weeks of progressive dyspnea on exertion, three-pillow orthopnea and an 11 lb weight gain.',
    exam: 'Jugular venous distension to the angle of the jaw. Bibasilar crackles. 2+ pitting edema to the knees.',
    course: 'Diuresed with IV furosemide, net negative 6.2 L. Echocardiogram showed ejection fraction 25-30%. Transitioned to oral diuretic.',
    plan: 'Daily weights, 2 g sodium diet, heart failure clinic within 7 days.',
    related: [],
  },
  {
    key: 'prenatal',
    classCode: 'AMB',
    typeDisplay: 'Prenatal visit',
    reason: 'Routine prenatal care',
    specialty: 'Obstetrics and Gynecology',
    sex: 'female',
    dx: [
      { code: 'Z34.82', display: 'Encounter for supervision of other normal pregnancy, second trimester' },
      { code: 'Z3A.24', display: '24 weeks gestation of pregnancy' },
    ],
    problems: [{ code: '72892002', display: 'Normal pregnancy' }],
    services: [
      { system: 'CPT', code: '76805', display: 'Ultrasound, pregnant uterus, after first trimester, transabdominal', charge: 356 },
      { system: 'CPT', code: '81025', display: 'Urine pregnancy test, by visual color comparison', charge: 19 },
    ],
    meds: [{ rxnorm: '310410', display: 'folic acid 1 MG Oral Tablet', dose: '1 mg daily' }],
    labs: [LAB.hcg, LAB.hgb, LAB.glucose],
    complaint: 'Routine prenatal visit.',
    hpi: 'G2P1 at 24 weeks gestation by first-trimester ultrasound presents for a routine prenatal visit. Good fetal movement. No bleeding or leakage of fluid.',
    exam: 'Fundal height 24 cm. Fetal heart tones 148. No edema.',
    course: 'Anatomy ultrasound normal.',
    plan: 'Glucose tolerance test at 26-28 weeks. Return in four weeks.',
    related: ['SEX'],
  },
  {
    key: 'chest-pain-ed',
    classCode: 'EMER',
    typeDisplay: 'Emergency department visit',
    reason: 'Chest pain',
    specialty: 'Emergency Medicine',
    dx: [
      { code: 'R07.9', display: 'Chest pain, unspecified' },
      { code: 'I10', display: 'Essential (primary) hypertension' },
    ],
    problems: [{ code: '29857009', display: 'Chest pain' }],
    services: [E_M.ed, E_M.ecg, E_M.cxr, { system: 'CPT', code: '84484', display: 'Troponin, quantitative', charge: 74 }],
    meds: [{ rxnorm: '243670', display: 'aspirin 81 MG Oral Tablet', dose: '324 mg chewed once' }],
    labs: [LAB.troponin, LAB.potassium, LAB.creatinine],
    complaint: 'Chest pressure.',
    hpi: 'presents with two hours of substernal chest pressure at rest, non-radiating, without diaphoresis. Pain resolved before arrival.',
    exam: 'Comfortable. Regular rate and rhythm, no murmur. Lungs clear.',
    course: 'Serial troponins within normal limits. ECG normal sinus rhythm without ischemic change. Pain free in the department.',
    plan: 'Discharged home. Outpatient stress test within 72 hours. Return for recurrent pain.',
    related: [],
  },
  {
    key: 'brca-counseling',
    classCode: 'AMB',
    typeDisplay: 'Genetics consultation',
    reason: 'Hereditary breast cancer risk',
    specialty: 'Medical Genetics',
    sex: 'female',
    dx: [
      { code: 'Z15.01', display: 'Genetic susceptibility to malignant neoplasm of breast' },
      { code: 'Z80.3', display: 'Family history of malignant neoplasm of breast' },
    ],
    problems: [{ code: '412734009', display: 'BRCA1 gene mutation positive' }],
    services: [
      E_M.officeNew,
      { system: 'CPT', code: '96040', display: 'Medical genetics and genetic counseling services, each 30 minutes', charge: 145, units: 2 },
    ],
    meds: [],
    labs: [],
    complaint: 'Discussion of results and risk-reducing options.',
    hpi: 'was referred to review results and discuss surveillance and risk-reducing surgery options.',
    exam: 'Not performed; counseling visit.',
    course: 'Counseling visit of 60 minutes.',
    plan: 'Annual breast MRI alternating with mammography every six months. Refer to gynecologic oncology to discuss risk-reducing salpingo-oophorectomy.',
    related: ['GDIS'],
  },
  {
    key: 'cholecystectomy',
    classCode: 'IMP',
    typeDisplay: 'Surgical admission',
    reason: 'Acute calculous cholecystitis',
    specialty: 'General Surgery',
    los: [2, 3],
    dx: [
      { code: 'K80.00', display: 'Calculus of gallbladder with acute cholecystitis without obstruction' },
      { code: 'E66.9', display: 'Obesity, unspecified' },
    ],
    problems: [{ code: '65275009', display: 'Acute cholecystitis' }],
    services: [
      { system: 'CPT', code: '47562', display: 'Laparoscopy, surgical; cholecystectomy', charge: 3120 },
      E_M.admit,
      { system: 'CPT', code: '76705', display: 'Ultrasound, abdominal, limited', charge: 248, modifiers: ['26'] },
    ],
    pcs: [{ code: '0FT44ZZ', display: 'Resection of gallbladder, percutaneous endoscopic approach' }],
    meds: [
      { rxnorm: '1665060', display: 'cefazolin 2000 MG Injection', dose: '2 g IV once preoperatively' },
      { rxnorm: '313782', display: 'acetaminophen 325 MG Oral Tablet', dose: '650 mg every 6 hours' },
    ],
    labs: [LAB.wbc, LAB.alt],
    complaint: 'Right upper quadrant pain.',
    hpi: 'presents with 18 hours of constant right upper quadrant pain after a fatty meal, with nausea and low-grade fever.',
    exam: 'Tender right upper quadrant with a positive Murphy sign. No jaundice.',
    course: 'Ultrasound showed gallstones with wall thickening and pericholecystic fluid. Underwent laparoscopic cholecystectomy on hospital day one; tolerated diet and discharged.',
    plan: 'No lifting over 10 lb for two weeks. Clinic follow-up in two weeks.',
    surgery: {
      title: 'Laparoscopic cholecystectomy',
      indication: 'Acute calculous cholecystitis.',
      findings: 'Distended, inflamed gallbladder with impacted stone; critical view of safety obtained.',
      description: 'Four-port technique. Cystic duct and artery clipped and divided. Gallbladder removed in a retrieval bag.',
      anesthesia: 'General endotracheal.',
      ebl: '20 mL',
    },
    related: [],
  },
  {
    key: 'diabetes-visit',
    classCode: 'AMB',
    typeDisplay: 'Office visit',
    reason: 'Diabetes follow-up',
    specialty: 'Internal Medicine',
    dx: [
      { code: 'E11.65', display: 'Type 2 diabetes mellitus with hyperglycemia' },
      { code: 'I10', display: 'Essential (primary) hypertension' },
    ],
    problems: [{ code: '44054006', display: 'Diabetes mellitus type 2' }],
    services: [E_M.office, { system: 'CPT', code: '83036', display: 'Hemoglobin; glycosylated (A1C)', charge: 42 }, E_M.venipuncture],
    meds: [
      { rxnorm: '860975', display: 'metformin hydrochloride 500 MG Extended Release Oral Tablet', dose: '1000 mg twice daily' },
      { rxnorm: '314076', display: 'lisinopril 10 MG Oral Tablet', dose: '10 mg daily' },
    ],
    labs: [LAB.a1c, LAB.glucose, LAB.creatinine],
    complaint: 'Diabetes follow-up.',
    hpi: 'returns for diabetes follow-up. Home fasting sugars 150-190. No hypoglycemia.',
    exam: 'Monofilament sensation intact bilaterally. No foot ulcers.',
    course: 'A1c checked today.',
    plan: 'Add empagliflozin 10 mg daily. Diabetic eye exam referral. Return in three months.',
    related: [],
  },
  {
    key: 'opioid-use-disorder',
    classCode: 'AMB',
    typeDisplay: 'Office visit',
    reason: 'Medication for opioid use disorder',
    specialty: 'Internal Medicine',
    dx: [
      { code: 'F11.20', display: 'Opioid dependence, uncomplicated' },
      { code: 'B18.2', display: 'Chronic viral hepatitis C' },
    ],
    problems: [{ code: '75544000', display: 'Opioid dependence' }],
    services: [E_M.office, { system: 'HCPCS', code: 'G2086', display: 'Office-based treatment for opioid use disorder, first month', charge: 420 }],
    meds: [{ rxnorm: '1010600', display: 'buprenorphine 8 MG / naloxone 2 MG Sublingual Film', dose: 'one film sublingually daily' }],
    labs: [LAB.alt],
    complaint: 'Buprenorphine follow-up.',
    hpi: 'returns for office-based treatment follow-up. No cravings this month. Urine toxicology consistent with prescribed medication.',
    exam: 'Alert, pupils normal size. No track marks or skin abscesses.',
    course: 'Prescription monitoring program reviewed.',
    plan: 'Continue buprenorphine-naloxone 8/2 mg daily. Hepatitis C treatment referral.',
    related: ['ETH'],
  },
];
