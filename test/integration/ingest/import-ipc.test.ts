import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INFO } from '../../../electron/core/app-info';
import { createBackend } from '../../../electron/core/backend';
import { manualClock } from '../../../electron/core/clock';
import { ADMIN_PASSWORD, USER_PASSWORD } from '../../support/backend';
import { fhirBundle, TEXT_NOTE } from '../../support/ingest-fixtures';
import { newKey, tmpDir } from '../../support/tmp';

describe('importFiles / importProgress over the dispatcher', () => {
  it('imports the files the main-process picker returns, for admins and supervisors only', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify(fhirBundle()));
    fs.writeFileSync(path.join(dir, 'b.txt'), TEXT_NOTE);
    fs.writeFileSync(path.join(dir, 'c.json'), '{"resourceType":');
    let picked = [path.join(dir, 'a.json'), path.join(dir, 'c.json'), path.join(dir, 'b.txt')];
    const backend = createBackend({ app: APP_INFO, clock: manualClock(), workstation: 'ws', store: { path: path.join(dir, 's.ntk'), keys: newKey(dir).keys, create: true }, pickImportFiles: async () => picked });
    const call = (key: string) => async (name: never, req: unknown) => backend.call(name, req as never, { transport: 'test', sessionKey: key });
    const admin = call('admin');
    await admin('setupFirstAdmin' as never, { username: 'ada', displayName: 'Ada', password: ADMIN_PASSWORD });
    await admin('addUser' as never, { username: 'cody', displayName: 'Cody', role: 'coder', password: USER_PASSWORD });
    const coder = call('coder');
    await coder('login' as never, { username: 'cody', password: USER_PASSWORD });

    expect(await admin('importFiles' as never, { paths: ['/etc/passwd'] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await admin('importFiles' as never, {})).toEqual({ ok: true, value: { started: true, files: 3 } });
    let status: { state: string; results: Array<{ file: string; outcome: string }>; filesDone: number } | undefined;
    for (let i = 0; i < 200; i++) {
      const r = (await admin('importProgress' as never, {})) as { ok: true; value: NonNullable<typeof status> };
      status = r.value;
      if (status.state === 'done') break;
      await new Promise((res) => setTimeout(res, 20));
    }
    expect(status).toMatchObject({ state: 'done', filesDone: 3 });
    expect(status!.results.map((r) => [r.file, r.outcome])).toEqual([
      ['a.json', 'imported'],
      ['c.json', 'rejected'],
      ['b.txt', 'imported'],
    ]);
    expect(await coder('importFiles' as never, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await coder('importProgress' as never, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    picked = [];
    expect(await admin('importFiles' as never, {})).toEqual({ ok: true, value: { started: false, files: 0 } });
    backend.close();
  });
});
