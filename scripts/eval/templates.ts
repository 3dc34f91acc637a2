/**
 * Sentences that carry surrogate identifiers, inserted into MTSamples notes. The dev and held-out
 * sets use different wordings, so tuning on dev cannot learn the held-out phrasings.
 */
export const HEADERS = {
  dev: [
    'PATIENT NAME: {LASTFIRST}\nMRN: {MRN}\nDOB: {DATE}\nDATE OF SERVICE: {DATE}\nATTENDING: {DRFULL}, MD\n',
    'Patient: {FULL}   Acct #: {ACCT}   DOB {DATE}\nPCP: Dr. {DRLAST}   Member ID: {MEMBER}\n',
    'Name: {LASTFIRST}  Medical record number: {MRN}  Admit date: {DATE}  Discharge date: {DATE}\n',
  ],
  heldout: [
    'PT NAME: {FULL}\nMED REC #: {MRN}\nBIRTH DATE: {DATE}\nENCOUNTER DATE: {DATE}\nREFERRING PHYSICIAN: {DRFULL}, M.D.\n',
    '{LASTFIRST}   MR# {MRN}   Visit {DATE}\nInsurance subscriber ID {MEMBER}  Account number {ACCT}\n',
    'Re: {FULL}\nDate of birth: {DATE}\nChart number: {MRN}\nCC: Dr. {DRFULL}\n',
  ],
};

export const SENTENCES = {
  dev: [
    'Mr. {LAST} was seen in clinic on {DATE}.',
    'She was accompanied by her husband, {FIRST}, who can be reached at {PHONE}.',
    'The patient is a {AGE90}-year-old retired teacher.',
    'He lives at {STREET}, {CITY}, {STATE} {ZIP}.',
    'Records were faxed to {FAX} (fax) at {FACILITY}.',
    'Claim # {CLAIM} was denied; prior authorization number {PA} is on file.',
    'Rendering provider NPI {NPI}.',
    'Patient email: {EMAIL}.',
    'SSN: {SSN}.',
    'Seen by Dr. {DRLAST} at {FACILITY} on {DATE}.',
    'Her daughter {FULL} called the office.',
    'Pacemaker serial number {SERIAL} was interrogated.',
    'Driver license number {LICENSE} was verified.',
    'Patient portal: {URL}, last login from IP {IP}.',
    'Photo of the wound uploaded as {PHOTO}.',
    'Vehicle VIN {VIN} was involved in the collision.',
    'Mrs. {LAST} reports that {FIRST} helps with her medications.',
    'Prescriber DEA # {DEA}.',
    'Transferred from {FACILITY} on {DATE}.',
    'She moved to {CITY} in {DATE}.',
  ],
  heldout: [
    'Ms. {LAST} returned for follow-up {DATE}.',
    'Wife {FIRST} is her emergency contact, cell {PHONE}.',
    'Age {AGE90}, lives alone.',
    'Home address: {STREET}, {CITY}, {STATE} {ZIP}.',
    'Please send the report to fax {FAX}.',
    'Payer claim number {CLAIM}; auth # {PA}.',
    'Referring NPI: {NPI}.',
    'Contact {EMAIL} for scheduling.',
    'Social security number {SSN}.',
    'Discussed with Dr. {DRFULL} of {FACILITY}.',
    'Spoke with son, {FULL}, by phone on {DATE}.',
    'Insulin pump serial # {SERIAL}.',
    'Nursing license {LICENSE}.',
    'Results posted to {URL}; device IP {IP}.',
    'Full-face photo on file: {PHOTO}.',
    'VIN: {VIN}.',
    '{FULL} is a pleasant {AGE90} y/o seen today.',
    'DEA number {DEA}.',
    'Admitted to {FACILITY} {DATE}.',
    'Patient resides in {CITY}.',
  ],
};
