/**
 * Small hand-made import fixtures the ingest tests write to temp folders: a FHIR R4 transaction
 * bundle, a C-CDA document and plain-text notes. Every name, number and date here is invented.
 */
export const PATIENT_UUID = '11111111-2222-4333-8444-555555555555';
const u = (n: number) => `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ref = (n: number) => ({ reference: u(n) });

export function fhirBundle(opts: { patientUuid?: string; family?: string; noteText?: string } = {}): object {
  const pid = opts.patientUuid ?? PATIENT_UUID;
  const patient = `urn:uuid:${pid}`;
  const note = opts.noteText ?? 'HISTORY OF PRESENT ILLNESS:\nChest pain for two days.\n\nASSESSMENT:\nStable angina.\n';
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { fullUrl: u(1), resource: { resourceType: 'Organization', id: 'org-1', name: 'Lakeside General', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }], type: [{ coding: [{ code: 'prov' }] }] }, request: { method: 'POST', url: 'Organization' } },
      { fullUrl: u(2), resource: { resourceType: 'Practitioner', id: 'prac-1', name: [{ family: 'Osei', given: ['Ama'] }], identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1093817465' }] } },
      {
        fullUrl: patient,
        resource: {
          resourceType: 'Patient',
          id: pid,
          identifier: [{ type: { coding: [{ code: 'MR' }] }, value: 'MRN-4471' }],
          name: [{ use: 'official', family: opts.family ?? 'Quillfeather', given: ['Juniper'] }],
          gender: 'female',
          birthDate: '1961-04-12',
          address: [{ line: ['12 Elm St'], city: 'Springfield', state: 'IL', postalCode: '62701' }],
          telecom: [{ system: 'phone', value: '555-010-4477' }],
        },
      },
      { fullUrl: u(3), resource: { resourceType: 'Coverage', id: 'cov-1', beneficiary: { reference: patient }, payor: [{ display: 'Acme Health Plan' }], subscriberId: 'ZXH99182', class: [{ type: { coding: [{ code: 'group' }] }, value: 'GRP-7' }] } },
      {
        fullUrl: u(4),
        resource: {
          resourceType: 'Encounter',
          id: 'enc-1',
          status: 'finished',
          class: { code: 'IMP' },
          type: [{ coding: [{ system: 'http://snomed.info/sct', code: '32485007', display: 'Hospital admission' }] }],
          subject: { reference: patient },
          participant: [{ individual: ref(2) }],
          period: { start: '2026-03-01T08:00:00Z', end: '2026-03-04T12:00:00Z' },
          serviceProvider: ref(1),
          reasonCode: [{ text: 'Chest pain' }],
        },
      },
      {
        fullUrl: u(5),
        resource: {
          resourceType: 'Condition',
          id: 'cond-1',
          code: { coding: [{ system: 'http://snomed.info/sct', code: '194828000', display: 'Angina' }, { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I20.9', display: 'Angina pectoris, unspecified' }] },
          category: [{ coding: [{ code: 'encounter-diagnosis' }] }],
          clinicalStatus: { coding: [{ code: 'active' }] },
          subject: { reference: patient },
          encounter: ref(4),
          onsetDateTime: '2026-02-28',
        },
      },
      { fullUrl: u(6), resource: { resourceType: 'Procedure', id: 'proc-1', code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '93458', display: 'Left heart cath' }] }, subject: { reference: patient }, encounter: ref(4), performedPeriod: { start: '2026-03-02T10:00:00Z' } } },
      { fullUrl: u(7), resource: { resourceType: 'MedicationRequest', id: 'mr-1', status: 'active', medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '197361', display: 'Amlodipine 5 MG' }] }, subject: { reference: patient }, encounter: ref(4), authoredOn: '2026-03-04', dosageInstruction: [{ text: 'once daily' }] } },
      { fullUrl: u(8), resource: { resourceType: 'Immunization', id: 'imm-1', status: 'completed', vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '140', display: 'Influenza' }] }, patient: { reference: patient }, encounter: ref(4), occurrenceDateTime: '2026-03-03' } },
      {
        fullUrl: u(9),
        resource: {
          resourceType: 'Observation',
          id: 'obs-1',
          category: [{ coding: [{ code: 'laboratory' }] }],
          code: { coding: [{ system: 'http://loinc.org', code: '2093-3', display: 'Cholesterol' }] },
          subject: { reference: patient },
          encounter: ref(4),
          effectiveDateTime: '2026-03-02',
          valueQuantity: { value: 231, unit: 'mg/dL' },
          referenceRange: [{ low: { value: 0 }, high: { value: 200 } }],
          interpretation: [{ coding: [{ code: 'H' }] }],
        },
      },
      {
        fullUrl: u(10),
        resource: {
          resourceType: 'Observation',
          id: 'obs-bp',
          code: { coding: [{ system: 'http://loinc.org', code: '55284-4', display: 'Blood pressure' }] },
          subject: { reference: patient },
          encounter: ref(4),
          component: [
            { code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: { value: 142, unit: 'mm[Hg]' } },
            { code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: { value: 91, unit: 'mm[Hg]' } },
          ],
        },
      },
      { fullUrl: u(11), resource: { resourceType: 'DiagnosticReport', id: 'dr-1', code: { coding: [{ system: 'http://loinc.org', code: '57698-3', display: 'Lipid panel' }] }, subject: { reference: patient }, encounter: ref(4), conclusion: 'Total cholesterol is high.' } },
      {
        fullUrl: u(12),
        resource: {
          resourceType: 'DocumentReference',
          id: 'doc-1',
          type: { coding: [{ system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' }] },
          subject: { reference: patient },
          date: '2026-03-04T12:00:00Z',
          author: [ref(2)],
          context: { encounter: [ref(4)] },
          content: [{ attachment: { contentType: 'text/plain', data: Buffer.from(note).toString('base64') } }],
        },
      },
      {
        fullUrl: u(13),
        resource: {
          resourceType: 'Claim',
          id: 'claim-1',
          type: { coding: [{ code: 'institutional' }] },
          patient: { reference: patient },
          provider: ref(1),
          billablePeriod: { start: '2026-03-01', end: '2026-03-04' },
          created: '2026-03-05',
          diagnosis: [{ sequence: 1, diagnosisReference: ref(5) }],
          item: [
            { sequence: 1, productOrService: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '93458' }] }, modifier: [{ coding: [{ code: '26' }] }], quantity: { value: 1 }, net: { value: 1800 }, diagnosisSequence: [1], encounter: [ref(4)] },
          ],
          total: { value: 1800 },
        },
      },
      {
        fullUrl: u(14),
        resource: {
          resourceType: 'ExplanationOfBenefit',
          id: 'eob-1',
          claim: ref(13),
          patient: { reference: patient },
          insurer: { display: 'Acme Health Plan' },
          outcome: 'complete',
          total: [{ category: { coding: [{ code: 'submitted' }] }, amount: { value: 1800 } }],
          payment: { amount: { value: 1200 } },
        },
      },
      { fullUrl: u(15), resource: { resourceType: 'CarePlan', id: 'cp-1', subject: { reference: patient } } },
    ],
  };
}

export function ccdaDocument(opts: { docId?: string; problemCode?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:sdtc="urn:hl7-org:sdtc" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <realmCode code="US"/>
  <templateId root="2.16.840.1.113883.10.20.22.1.8" extension="2015-08-01"/>
  <id root="2.16.840.1.113883.19.5" extension="${opts.docId ?? 'DS-0001'}"/>
  <code code="18842-5" codeSystem="2.16.840.1.113883.6.1" displayName="Discharge Summary"/>
  <title>Discharge Summary</title>
  <effectiveTime value="20260310120000-0500"/>
  <recordTarget><patientRole>
    <id root="2.16.840.1.113883.19.5.99999.2" extension="CC-99812"/>
    <addr use="HP"><streetAddressLine>4 Birch Way</streetAddressLine><city>Portland</city><state>OR</state><postalCode>97201</postalCode></addr>
    <telecom value="tel:+1(555)555-0199" use="HP"/>
    <patient><name use="L"><given>Rowan</given><family>Thistlewood</family></name>
      <administrativeGenderCode code="M" codeSystem="2.16.840.1.113883.5.1"/><birthTime value="19700102"/></patient>
  </patientRole></recordTarget>
  <author><time value="20260310"/><assignedAuthor><id root="2.16.840.1.113883.4.6" extension="1982736450"/>
    <assignedPerson><name><given>Lena</given><family>Marsh</family></name></assignedPerson></assignedAuthor></author>
  <componentOf><encompassingEncounter><id root="2.16.840.1.113883.19" extension="ENC-5512"/>
    <code code="IMP" codeSystem="2.16.840.1.113883.5.4" displayName="inpatient encounter"/>
    <effectiveTime><low value="20260306"/><high value="20260310"/></effectiveTime>
  </encompassingEncounter></componentOf>
  <component><structuredBody>
    <component><section>
      <templateId root="2.16.840.1.113883.10.20.22.2.24"/>
      <code code="11535-2" codeSystem="2.16.840.1.113883.6.1" displayName="Hospital discharge Dx"/>
      <title>Discharge Diagnosis</title>
      <text><list><item>Community acquired pneumonia</item><item>Type 2 diabetes</item></list></text>
      <entry><act classCode="ACT" moodCode="EVN"><entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
        <id root="1.2.3.4" extension="prob-1"/>
        <code code="55607006" codeSystem="2.16.840.1.113883.6.96" displayName="Problem"/>
        <effectiveTime><low value="20260306"/></effectiveTime>
        <value xsi:type="CD" code="${opts.problemCode ?? 'J18.9'}" codeSystem="2.16.840.1.113883.6.90" displayName="Pneumonia, unspecified organism"/>
      </observation></entryRelationship></act></entry>
    </section></component>
    <component><section>
      <code code="10164-2" codeSystem="2.16.840.1.113883.6.1"/>
      <title>History of Present Illness</title>
      <text><paragraph>Three days of productive cough and fever.</paragraph></text>
    </section></component>
    <component><section>
      <code code="10160-0" codeSystem="2.16.840.1.113883.6.1"/>
      <title>Medications</title>
      <text><table><tbody><tr><td>Azithromycin 250 MG</td><td>daily</td></tr></tbody></table></text>
      <entry><substanceAdministration classCode="SBADM" moodCode="INT"><id root="1.2.3.4" extension="med-1"/>
        <text>Azithromycin 250 MG daily</text>
        <effectiveTime xsi:type="IVL_TS"><low value="20260306"/></effectiveTime>
        <consumable><manufacturedProduct><manufacturedMaterial>
          <code code="141962" codeSystem="2.16.840.1.113883.6.88" displayName="Azithromycin 250 MG Oral Capsule"/>
        </manufacturedMaterial></manufacturedProduct></consumable>
      </substanceAdministration></entry>
    </section></component>
    <component><section>
      <code code="30954-2" codeSystem="2.16.840.1.113883.6.1"/>
      <title>Results</title>
      <text>WBC 14.2 10*3/uL (high)</text>
      <entry><organizer classCode="BATTERY" moodCode="EVN"><component><observation classCode="OBS" moodCode="EVN">
        <id root="1.2.3.4" extension="res-1"/>
        <code code="6690-2" codeSystem="2.16.840.1.113883.6.1" displayName="WBC"/>
        <effectiveTime value="20260306"/>
        <value xsi:type="PQ" value="14.2" unit="10*3/uL"/>
        <interpretationCode code="H" codeSystem="2.16.840.1.113883.5.83"/>
        <referenceRange><observationRange><value xsi:type="IVL_PQ"><low value="4.5" unit="10*3/uL"/><high value="11" unit="10*3/uL"/></value></observationRange></referenceRange>
      </observation></component></organizer></entry>
    </section></component>
    <component><section>
      <code code="47519-4" codeSystem="2.16.840.1.113883.6.1"/>
      <title>Procedures</title>
      <text>Chest X-ray</text>
      <entry><procedure classCode="PROC" moodCode="EVN"><id root="1.2.3.4" extension="proc-1"/>
        <code code="71046" codeSystem="2.16.840.1.113883.6.12" displayName="Chest X-ray 2 views"/>
        <effectiveTime value="20260306"/>
      </procedure></entry>
    </section></component>
  </structuredBody></component>
</ClinicalDocument>
`;
}

export const TEXT_NOTE = `PROGRESS NOTE

SUBJECTIVE:
Patient reports improved sleep and less anxiety.

ASSESSMENT:
Generalized anxiety disorder, improving.

PLAN:
Continue sertraline. Follow up in four weeks.
`;

export const NOTES_CSV = `note_id,sample_name,medical_specialty,transcription
1,Knee Arthroscopy,Orthopedic,"PREOPERATIVE DIAGNOSIS:,  Torn medial meniscus, right knee.
POSTOPERATIVE DIAGNOSIS:,  Same.  The patient said ""it clicks"" when walking."
2,Annual Exam,General Medicine,"SUBJECTIVE:,  Here for annual physical.  No complaints."
`;
