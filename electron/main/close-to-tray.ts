import fs from 'node:fs';

export interface HideableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

/** Something said once per installation, remembered by a marker file in the data folder. */
export interface OnceFlag {
  isSet(): boolean;
  set(): void;
}

export function fileOnceFlag(file: string): OnceFlag {
  let set = false;
  return {
    isSet: () => set || fs.existsSync(file),
    set() {
      set = true;
      try {
        fs.writeFileSync(file, '');
      } catch {
        // Unwritable data folder: the hint may show again next run, which does no harm.
      }
    },
  };
}

/**
 * Closing the window hides it: Haltwatch keeps watching from the tray. Only quitting (tray menu,
 * app menu, OS shutdown) really closes it. The first time, a notification says where it went.
 */
export function keepInTrayOnClose(
  window: HideableWindow,
  options: { isQuitting: () => boolean; told: OnceFlag; tell: () => void },
): void {
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
    if (options.told.isSet()) return;
    options.told.set();
    options.tell();
  });
}
