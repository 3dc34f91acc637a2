import path from 'node:path';
import type { PickSavePath } from '../../electron/core/save-path';

export interface SaveDialogStandIn {
  pickSavePath: PickSavePath;
  /** Files the backend saved where its save dialog would have asked (exports), in order. */
  exports: string[];
  /** The next save dialog is cancelled. */
  cancelNext(): void;
}

/** Stands in for the main-process save dialog: the person accepts the suggested name, in the test's folder. */
export function saveDialogStandIn(dir: string): SaveDialogStandIn {
  const exports: string[] = [];
  let cancel = false;
  return {
    exports,
    cancelNext: () => {
      cancel = true;
    },
    pickSavePath: async ({ defaultName }) => {
      if (cancel) {
        cancel = false;
        return null;
      }
      const file = path.join(dir, 'exports', `${exports.length + 1}-${defaultName}`);
      exports.push(file);
      return file;
    },
  };
}
