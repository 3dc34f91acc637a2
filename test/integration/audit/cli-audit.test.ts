import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli';
import { EXIT_CODES } from '../../../electron/cli/exit-codes';
import { createKeyFile } from '../../../electron/core/db/keys';
import { ADMIN_PASSWORD, testBackend } from '../../support/backend';
import { tmpDir } from '../../support/tmp';
import { parseAuditEventLine } from '../../support/fhir-audit-schema';

async function ntk(args: string[]) {
  const out: string[] = [];
  const code = await main(args, {}, { stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
  return { code, out: out.join('\n') };
}

async function storeWithEvents() {
  const dir = tmpDir();
  const keyFile = path.join(dir, 'k');
  createKeyFile(keyFile);
  const db = path.join(dir, 's.ntk');
  expect((await ntk(['init', '--db', db, '--key-file', keyFile])).code).toBe(0);
  const t = testBackend({ dir, dbPath: db, keys: (await import('../../../electron/core/db/keys')).keyFileKeySource(keyFile), clock: (await import('../../../electron/core/clock')).manualClock() });
  await t.as('w')('setupFirstAdmin', { username: 'ada', displayName: 'Ada Admin', password: ADMIN_PASSWORD });
  await t.raw('w2')('login', { username: 'ada', password: 'wrong password, "quoted", =cmd' });
  t.backend.close();
  return { db, keyFile };
}

describe('ntk audit', () => {
  it('verifies an intact chain and reports a broken one with exit 65', async () => {
    const { db, keyFile } = await storeWithEvents();
    const ok = await ntk(['audit', 'verify', '--db', db, '--key-file', keyFile, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).value).toMatchObject({ ok: true });

    const t = testBackend({ dir: path.dirname(db), dbPath: db, keys: (await import('../../../electron/core/db/keys')).keyFileKeySource(keyFile), clock: (await import('../../../electron/core/clock')).manualClock() });
    t.backend.store.db.exec("DROP TRIGGER audit_event_no_update; UPDATE audit_event SET outcome = 'success' WHERE event_type = 'login' AND outcome = 'failure';");
    t.backend.close();
    const bad = await ntk(['audit', 'verify', '--db', db, '--key-file', keyFile]);
    expect(bad.code).toBe(EXIT_CODES.WRONG_KEY_OR_NOT_STORE);
    expect(bad.out).toMatch(/AUDIT LOG BROKEN at record \d+ \(edited\)/);
  });

  it('reports what it cannot prove (exit 65), never intact, when the head log was removed; an exported head proves the history up to it', async () => {
    const { db, keyFile } = await storeWithEvents();
    const heads = path.join(path.dirname(db), 'heads.ndjson');
    const exported = await ntk(['audit', 'head', '--db', db, '--key-file', keyFile, '--out', heads, '--json']);
    expect(exported.code).toBe(0);
    const head = JSON.parse(exported.out).value as { seq: number; key: string };
    expect(JSON.parse(fs.readFileSync(heads, 'utf8').trim())).toMatchObject({ format: 'need-to-know-audit-head/1', seq: head.seq });

    // The head log beside the store is removed (or never written): nothing after the exported head can be proven.
    fs.rmSync(`${db}.audit-head.log`);
    const r = await ntk(['audit', 'verify', '--db', db, '--key-file', keyFile, '--anchor', heads]);
    expect(r.code).toBe(EXIT_CODES.WRONG_KEY_OR_NOT_STORE);
    // The verify run itself started a new head log after the export, so what follows the exported head is unproven.
    expect(r.out).toMatch(new RegExp(`^AUDIT LOG NOT PROVEN \\(\\d+ records, nothing found broken\\): Records? ${head.seq + 1}\\b.*cannot be proven`));
    expect(r.out).not.toMatch(/intact/);

    fs.writeFileSync(heads, '{"not":"a head"}\n');
    expect((await ntk(['audit', 'verify', '--db', db, '--key-file', keyFile, '--anchor', heads])).code).toBe(EXIT_CODES.USAGE);
  });

  it('exports FHIR AuditEvent NDJSON and CSV with filters', async () => {
    const { db, keyFile } = await storeWithEvents();
    const nd = await ntk(['audit', 'export', '--db', db, '--key-file', keyFile, '--format', 'fhir-ndjson', '--event', 'login']);
    expect(nd.code).toBe(0);
    const events = nd.out.split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.resourceType)).toEqual(['AuditEvent', 'AuditEvent']);
    expect(events.map((e) => e.outcome).sort()).toEqual(['0', '4']);
    expect(events[0]).toMatchObject({
      action: 'E',
      type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110114', display: 'User Authentication' },
      subtype: [{ code: 'login' }, { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110122', display: 'Login' }],
      agent: [{ requestor: true }],
    });
    for (const e of events) parseAuditEventLine(JSON.stringify(e));

    // The export itself is audited, and exports as a DICOM Export event (BALP Export pattern).
    const again = await ntk(['audit', 'export', '--db', db, '--key-file', keyFile, '--format', 'fhir-ndjson', '--event', 'audit.export']);
    expect(again.code).toBe(0);
    const exports = again.out.split('\n').map(parseAuditEventLine);
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({
      type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110106', display: 'Export' },
      subtype: [{ system: 'http://need-to-know.local/audit-event-type', code: 'audit.export' }],
      action: 'E',
      outcome: '0',
      agent: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/extra-security-role-type', code: 'humanuser', display: 'human user' }] }, requestor: true }],
    });

    const dir = path.dirname(db);
    const csvFile = path.join(dir, 'audit.csv');
    const csv = await ntk(['audit', 'export', '--db', db, '--key-file', keyFile, '--format', 'csv', '--out', csvFile]);
    expect(csv.code).toBe(0);
    const text = fs.readFileSync(csvFile, 'utf8');
    expect(text.split('\n')[0]).toBe('seq,recorded_at,username,role,purpose,workstation,action,event_type,outcome,patient_id,encounter_id,document_id,section_code,labels,rule_ids,detail');
    expect(text).toContain('user.create');
    expect(text).not.toContain('wrong password'); // attempted passwords are never recorded
    expect((await ntk(['audit', 'export', '--db', db, '--key-file', keyFile, '--format', 'xml'])).code).toBe(EXIT_CODES.USAGE);
  });
});
