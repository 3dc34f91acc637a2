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
    expect(await importFilePicker(fake({ canceled: false, filePaths: ['/a.json', '/b.xml'] }) as never, () => undefined)({ folder: false })).toEqual(['/a.json', '/b.xml']);
    expect(await importFilePicker(fake({ canceled: true, filePaths: ['/a.json'] }) as never, () => undefined)({ folder: false })).toEqual([]);
    expect(calls[0]![0]).toMatchObject({ properties: ['openFile', 'multiSelections'] });
    // A folder is its own dialog (Windows and Linux pick files or folders, not both).
    expect(await importFilePicker(fake({ canceled: false, filePaths: ['/charts'] }) as never, () => undefined)({ folder: true })).toEqual(['/charts']);
    expect(calls[2]![0]).toMatchObject({ properties: ['openDirectory'] });
  });
});
