import type { AuditEvent } from '../../shared/audit.ts';
import { notificationSettingsSchema, type NotificationSettings } from '../../shared/settings.ts';
import type { Clock } from '../../electron/core/clock.ts';
import { NotificationCenter } from '../../electron/core/notify/center.ts';
import { staticSecrets } from '../../electron/core/secrets/index.ts';
import { openStore, type Store } from '../../electron/core/store/index.ts';

export interface CenterHarness {
  center: NotificationCenter;
  store: Store;
  settings: NotificationSettings;
  audits: AuditEvent[];
  logs: string[];
  /** How many times the dashboard was told the center changed, and the board's problems changed. */
  counts: { changes: number; problemChanges: number };
}

/** A notification center over a real store (in memory, or the history database in `dir`). */
export function centerHarness(options: {
  clock: Clock;
  notifications?: unknown;
  secrets?: Record<string, string>;
  dir?: string | null;
  nextSessionOpen?: (now: number) => number;
}): CenterHarness {
  const { store } = openStore({ dir: options.dir ?? null, clock: options.clock, scheduleRetention: false });
  const harness: CenterHarness = {
    store,
    settings: notificationSettingsSchema.parse(options.notifications ?? {}),
    audits: [],
    logs: [],
    counts: { changes: 0, problemChanges: 0 },
    center: null as unknown as NotificationCenter,
  };
  harness.center = new NotificationCenter({
    notices: store.notices,
    clock: options.clock,
    settings: () => harness.settings,
    secrets: staticSecrets(options.secrets ?? {}),
    nextSessionOpen: options.nextSessionOpen ?? ((now) => now + 17 * 3_600_000),
    audit: (event) => harness.audits.push(event),
    log: (message) => harness.logs.push(message),
    onChange: () => harness.counts.changes++,
    onProblemsChange: () => harness.counts.problemChanges++,
    settingsFile: '/data/settings.json',
  });
  return harness;
}
