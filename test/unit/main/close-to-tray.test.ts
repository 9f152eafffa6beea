import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fileOnceFlag, keepInTrayOnClose } from '../../../electron/main/close-to-tray.ts';

function fakeWindow() {
  let onClose: ((event: { preventDefault(): void }) => void) | undefined;
  const window = {
    hide: vi.fn(),
    on: (_event: 'close', listener: typeof onClose) => {
      onClose = listener;
    },
    close() {
      const event = { preventDefault: vi.fn() };
      onClose?.(event);
      return event.preventDefault.mock.calls.length > 0 ? 'kept' : 'closed';
    },
  };
  return window;
}

describe('closing the window', () => {
  it('hides it to the tray and says so once per installation; quitting really closes it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-once-'));
    const marker = path.join(dir, '.told');
    let quitting = false;
    const tell = vi.fn();
    const window = fakeWindow();
    keepInTrayOnClose(window, { isQuitting: () => quitting, told: fileOnceFlag(marker), tell });
    expect(window.close()).toBe('kept');
    expect(window.close()).toBe('kept');
    expect(window.hide).toHaveBeenCalledTimes(2);
    expect(tell).toHaveBeenCalledOnce();

    const nextRun = fakeWindow();
    const tellAgain = vi.fn();
    keepInTrayOnClose(nextRun, { isQuitting: () => quitting, told: fileOnceFlag(marker), tell: tellAgain });
    expect(nextRun.close()).toBe('kept');
    expect(tellAgain).not.toHaveBeenCalled();

    quitting = true;
    expect(nextRun.close()).toBe('closed');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a data folder that cannot be written only means being told again', () => {
    const flag = fileOnceFlag('/nonexistent-haltwatch-dir/.told');
    expect(() => flag.set()).not.toThrow();
    expect(flag.isSet()).toBe(true);
  });
});
