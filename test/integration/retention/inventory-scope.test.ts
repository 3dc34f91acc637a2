/**
 * Minimum necessary for the exposure inventory: an administrator gets totals and counts by label,
 * never an MRN next to its sensitivity labels; the privacy officer gets the patients, and every
 * patient listed (shown or exported) is named in the audit trail with its labels.
 */
import { describe, expect, it } from 'vitest';
import { queryAudit } from '../../../electron/core/audit/query';
import { ADMIN_PASSWORD, USER_PASSWORD, withUsers } from '../../support/backend';
import { seedPatient } from '../../support/retention-seed';

async function setup() {
  const t = await withUsers([['pat', 'privacy_officer']]);
  await t.as('po')('login', { username: 'pat', password: USER_PASSWORD });
  await t.as('po')('changePassword', { current: USER_PASSWORD, next: 'a brand new long passphrase' });
  const sensitive = seedPatient(t.backend.store.db, 'S1', { labels: true });
  const plain = seedPatient(t.backend.store.db, 'P2');
  return { t, sensitive, plain };
}

describe('exposure inventory scope', () => {
  it('an administrator gets counts by label only: no MRN, patient id or per-patient label in the reply or the export', async () => {
    const { t, sensitive, plain } = await setup();
    const inv = await t.as('admin')('exposureInventory', {});
    expect(inv).toMatchObject({ scope: 'counts', patients: [], totals: { patients: 2, documents: 4 } });
    expect(inv.labels.length).toBeGreaterThan(0);
    for (const l of inv.labels) expect(l).toMatchObject({ patients: 1, documents: 2 });
    const text = JSON.stringify(inv);
    for (const s of [sensitive.mrn, plain.mrn, `"patientId"`]) expect(text).not.toContain(s);

    await t.as('admin')('reauthenticate', { password: ADMIN_PASSWORD, for: 'exportInventory' });
    expect(await t.as('admin')('exportInventory', { format: 'csv' })).toEqual({ saved: true, patients: 2 });
    const csv = t.lastExport().toString('utf8');
    expect(csv.split('\n')[0]).toBe('label,documents,patients');
    expect(csv).toContain('ALL,4,2');
    for (const s of [sensitive.mrn, plain.mrn]) expect(csv).not.toContain(s);
    // Nothing per patient was disclosed, so nothing per patient is audited.
    expect(queryAudit(t.backend.store.db, { eventType: 'inventory.read.patient' })).toEqual([]);
    expect(queryAudit(t.backend.store.db, { eventType: 'inventory.read' })).toMatchObject([{ username: 'ada', patient_id: null }]);
    t.backend.close();
  });

  it('the privacy officer gets the patients with their labels, and each patient shown or exported is named in the audit', async () => {
    const { t, sensitive, plain } = await setup();
    const inv = await t.as('po')('exposureInventory', {});
    expect(inv.scope).toBe('patients');
    expect(inv.patients.map((p) => p.mrn).sort()).toEqual([plain.mrn, sensitive.mrn].sort());
    const labelled = inv.patients.find((p) => p.mrn === sensitive.mrn)!;
    expect(labelled.labels.length).toBeGreaterThan(0);

    const db = t.backend.store.db;
    const reads = queryAudit(db, { eventType: 'inventory.read.patient' });
    expect(reads.map((e) => e.patient_id).sort()).toEqual([sensitive.id, plain.id].sort());
    expect(reads.find((e) => e.patient_id === sensitive.id)).toMatchObject({ username: 'pat', action: 'R', labels: labelled.labels.join(',') });

    await t.as('po')('reauthenticate', { password: 'a brand new long passphrase', for: 'exportInventory' });
    expect(await t.as('po')('exportInventory', { format: 'csv' })).toEqual({ saved: true, patients: 2 });
    expect(t.lastExport().toString('utf8')).toContain(sensitive.mrn);
    expect(queryAudit(db, { eventType: 'inventory.export.patient' }).map((e) => e.patient_id).sort()).toEqual([sensitive.id, plain.id].sort());
    t.backend.close();
  });

  it('many concurrent inventory reads by both roles: every reply has its role\'s scope and every listed patient is audited once per read', async () => {
    const { t } = await setup();
    const calls = Array.from({ length: 20 }, (_, i) => t.as(i % 2 ? 'po' : 'admin')('exposureInventory', {}));
    const replies = await Promise.all(calls);
    replies.forEach((r, i) => expect(r.scope).toBe(i % 2 ? 'patients' : 'counts'));
    expect(queryAudit(t.backend.store.db, { eventType: 'inventory.read.patient' })).toHaveLength(10 * 2);
    t.backend.close();
  });
});
