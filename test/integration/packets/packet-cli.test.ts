import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli';
import { EXIT_CODES } from '../../../electron/cli/exit-codes';
import { APP_INFO } from '../../../electron/core/app-info';
import { createBackend } from '../../../electron/core/backend';
import { keyFileKeySource } from '../../../electron/core/db/keys';
import { recordDisclosure } from '../../../electron/core/packets/disclosures';
import { CANARY, seedClaim } from '../../support/billing';
import { parsePdf, squash } from '../../support/pdf-text';
import { newKey, sha256, tmpDir } from '../../support/tmp';

async function ntk(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {}, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function store() {
  const dir = tmpDir();
  const { file, keys } = newKey(dir);
  const db = path.join(dir, 'cli.ntk');
  const backend = createBackend({ app: APP_INFO, store: { path: db, keys, create: true } });
  const seeded = seedClaim(backend.store.db, { index: 0, remitDate: '2025-11-20' });
  const other = seedClaim(backend.store.db, { index: 1, remitDate: '2025-11-21' });
  return { dir, file, db, backend, seeded, other };
}

describe('ntk packet build', () => {
  it('builds a packet headlessly with the same rules and prints a JSON summary with the file hash', async () => {
    const { dir, file, db, backend, seeded } = store();
    backend.close();
    const out = path.join(dir, 'packet.pdf');
    const course = String(seeded.sections['HOSPITAL COURSE']);
    const r = await ntk(['packet', 'build', '--db', db, '--key-file', file, '--claim', seeded.claimNumber, '--out', out, '--excerpt', course, '--reason', 'Documents the stent', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout).value;
    expect(summary.sha256).toBe(sha256(out));
    expect(summary.excerpts).toEqual([expect.objectContaining({ section: 'HOSPITAL COURSE', reason: 'Documents the stent' })]);
    expect(summary.elements).toEqual(expect.arrayContaining(['Dates of service', 'Procedure codes (CPT/HCPCS)', 'Diagnosis codes (ICD-10-CM)', 'Member id', 'Documentation excerpts (1)']));
    expect(summary.identifierTypes.HEALTH_PLAN_ID).toBeGreaterThan(0);
    expect(r.stdout).not.toContain(seeded.memberId); // types and counts only

    const bytes = fs.readFileSync(out);
    const pdf = await parsePdf(bytes);
    const text = pdf.pages.flat().join('\n');
    expect(text).toContain('drug-eluting stent');
    for (const bad of [CANARY.withheld, CANARY.family, CANARY.mrn, 'chest pain', 'aspirin']) expect(text).not.toContain(bad);

    // Re-open: the same builder, so the PDF holds exactly the lines the renderer drew — nothing else.
    const again = createBackend({ app: APP_INFO, store: { path: db, keys: keyFileKeySource(file) } });
    const prepared = await again.packets.prepare(
      { userId: 0, username: 'cli:test', role: 'biller', purpose: null },
      'cli',
      { claimId: seeded.claimId, excerpts: [{ storedSectionId: Number(course), reason: 'Documents the stent' }] },
      { userId: null, displayName: 'cli:test', audit: { username: 'cli:test' } },
    );
    const parsed = await parsePdf(prepared.pdf.bytes);
    expect(squash(parsed.pages.flat().join(''))).toBe(squash(prepared.pdf.drawn.join('')));
    const history = again.packets.history(seeded.claimId);
    expect(history).toEqual([expect.objectContaining({ sha256: summary.sha256, excerpts: 1 })]);
    again.close();
  });

  it('refuses withheld sections, sections of another patient, unpaired reasons and unknown claims', async () => {
    const { dir, file, db, backend, seeded, other } = store();
    backend.close();
    const out = path.join(dir, 'p.pdf');
    const base = ['packet', 'build', '--db', db, '--key-file', file, '--claim', seeded.claimNumber, '--out', out, '--json'];
    const withheld = await ntk([...base, '--excerpt', String(seeded.sections['SOCIAL HISTORY']), '--reason', 'try']);
    expect(withheld.code).not.toBe(0);
    expect(JSON.parse(withheld.stdout).error.code).toBe('NOT_FOUND');
    const foreign = await ntk([...base, '--excerpt', String(other.sections['HOSPITAL COURSE']), '--reason', 'try']);
    expect(JSON.parse(foreign.stdout).error.code).toBe('NOT_FOUND');
    expect((await ntk([...base, '--excerpt', '1'])).code).toBe(EXIT_CODES.USAGE);
    const unknown = await ntk(['packet', 'build', '--db', db, '--key-file', file, '--claim', 'NOPE', '--out', out, '--json']);
    expect(JSON.parse(unknown.stdout).error.code).toBe('NOT_FOUND');
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('ntk disclosures', () => {
  it('reports packet exports and exception disclosures for a period as JSON, CSV (formula-safe) and PDF', async () => {
    const { dir, file, db, backend, seeded } = store();
    const pid = seeded.patientId;
    recordDisclosure(backend.store.db, { patientId: pid, disclosedAt: '2025-06-01T10:00:00Z', recipient: '=HYPERLINK("http://x")', purpose: 'required_by_law', description: '+Court order: discharge summary' });
    recordDisclosure(backend.store.db, { patientId: pid, disclosedAt: '2025-09-15T10:00:00Z', recipient: 'Dr. Referral Clinic', purpose: 'treatment', description: 'Discharge summary' });
    recordDisclosure(backend.store.db, { patientId: pid, disclosedAt: '2024-01-02T10:00:00Z', recipient: 'Old', purpose: 'hhs', description: 'Audit' });
    backend.close();
    const out = path.join(dir, 'packet.pdf');
    expect((await ntk(['packet', 'build', '--db', db, '--key-file', file, '--claim', seeded.claimNumber, '--out', out])).code).toBe(0);

    const r = await ntk(['disclosures', '--db', db, '--key-file', file, '--patient', CANARY.mrn, '--from', '2025-01-01', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).value.rows as Array<{ purpose: string; exception: boolean; recipient: string }>;
    expect(rows.map((x) => [x.purpose, x.exception])).toEqual([
      ['required_by_law', true],
      ['treatment', true],
      ['denial_dispute', false],
    ]);
    const to = await ntk(['disclosures', '--db', db, '--key-file', file, '--patient', `#${pid}`, '--from', '2025-01-01', '--to', '2025-09-15', '--json']);
    expect(JSON.parse(to.stdout).value.rows).toHaveLength(2);

    const csv = path.join(dir, 'acc.csv');
    expect((await ntk(['disclosures', '--db', db, '--key-file', file, '--patient', CANARY.mrn, '--format', 'csv', '--out', csv])).code).toBe(0);
    const body = fs.readFileSync(csv, 'utf8');
    expect(body.split('\n')[0]).toBe('id,disclosedAt,recipient,purpose,exception,description,excerptIds,packetId,sha256,disclosedBy');
    expect(body).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(body).toContain("'+Court order");
    expect(body).not.toMatch(/(^|,)[=+@-]/m);

    const pdfFile = path.join(dir, 'acc.pdf');
    expect((await ntk(['disclosures', '--db', db, '--key-file', file, '--patient', CANARY.mrn, '--from', '2025-01-01', '--format', 'pdf', '--out', pdfFile])).code).toBe(0);
    const pdf = await parsePdf(fs.readFileSync(pdfFile));
    const text = pdf.pages.flat().join('\n');
    expect(text).toContain('Accounting of disclosures');
    expect(text).toContain('required by law');
    expect(text).toContain('(exception)');
    expect(text).toContain('Denial dispute');
    expect(text).not.toContain('Old');
    expect(JSON.stringify(pdf.info) + pdf.xmp).not.toContain(CANARY.mrn);

    expect((await ntk(['disclosures', '--db', db, '--key-file', file, '--patient', 'NOBODY', '--json'])).code).not.toBe(0);
    expect((await ntk(['disclosures', '--db', db, '--key-file', file, '--patient', CANARY.mrn, '--from', '1/2/2025'])).code).toBe(EXIT_CODES.USAGE);
  });
});
