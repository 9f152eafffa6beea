import { vi } from 'vitest';

/** A mock for every action the tray menu can call (TrayMenuActions), each a fresh vi.fn(). */
export function trayMenuActionMocks() {
  return {
    runCheck: vi.fn(),
    openDashboard: vi.fn(),
    openMini: vi.fn(),
    setOverride: vi.fn(),
    confirmHalt: vi.fn(),
    forceRecovery: vi.fn(),
    acknowledgeEmergency: vi.fn(),
    acknowledgeNotice: vi.fn(),
    snoozeService: vi.fn(),
    quit: vi.fn(),
  };
}
