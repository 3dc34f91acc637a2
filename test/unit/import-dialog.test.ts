import { describe, expect, it } from 'vitest';
import { importFilePicker } from '../../electron/adapters/import-dialog';

describe('import file picker', () => {
  it('returns the chosen paths, or none when the dialog is cancelled', async () => {
    const calls: unknown[][] = [];
    const fake = (result: { canceled: boolean; filePaths: string[] }) => ({
      showOpenDialog: async (...args: unknown[]) => {
        calls.push(args);
        return result;
      },
    });
    expect(await importFilePicker(fake({ canceled: false, filePaths: ['/a.json', '/b.xml'] }) as never, () => undefined)()).toEqual(['/a.json', '/b.xml']);
    expect(await importFilePicker(fake({ canceled: true, filePaths: ['/a.json'] }) as never, () => undefined)()).toEqual([]);
    expect(calls[0]![0]).toMatchObject({ properties: ['openFile', 'multiSelections'] });
  });
});
