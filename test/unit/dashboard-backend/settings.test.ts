import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings.ts';
import { useHarness } from './harness.ts';

describe('settings.get and settings.set', () => {
  const h = useHarness();

  it('starts from the defaults, with the new fields', async () => {
    const settings = await h.call('settings.get');
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(settings.notifications).toEqual({
      levels: ['HALT', 'SHUTDOWN'],
      sound: true,
      webhooks: [],
      channels: [],
      emergencyRepeatMinutes: 5,
    });
    expect(settings.startAtLogin).toBe(false);
    expect(settings.retention).toMatchObject({ rawDays: 30, dayRollupDays: null });
  });

  it('replaces the sections given, keeps the others, and keeps them across a restart', async () => {
    const saved = await h.call('settings.set', {
      notifications: { levels: ['THROTTLE', 'HALT'], webhooks: ['https://hooks.example.com/a'] },
      theme: 'dark',
      startAtLogin: true,
    });
    expect(saved.notifications).toEqual({
      levels: ['THROTTLE', 'HALT'],
      sound: true,
      webhooks: ['https://hooks.example.com/a'],
      channels: [],
      emergencyRepeatMinutes: 5,
    });
    expect(saved.theme).toBe('dark');
    expect(saved.schedule).toEqual(DEFAULT_SETTINGS.schedule);
    const again = await h.call('settings.set', { theme: 'light' });
    expect(again.notifications.levels).toEqual(['THROTTLE', 'HALT']);
    h.reopen();
    expect(await h.call('settings.get')).toEqual(again);
  });

  it('rejects bad values with a message per field and leaves the settings as they were', async () => {
    const outcome = await h.outcome('settings.set', {
      notifications: { webhooks: ['ftp://x', 'https://ok.example.com', 'https://ok.example.com'] },
      theme: 'blue',
      retention: { rawDays: 0 },
      thresholds: {},
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('invalid_input');
    const paths = outcome.error.issues?.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['notifications.webhooks[0]', 'theme', 'retention.rawDays', '(root)']),
    );
    expect(outcome.error.message).toContain('"ftp://x"');
    expect(outcome.error.message).toContain('listed twice');
    expect(await h.call('settings.get')).toEqual(DEFAULT_SETTINGS);
  });

  it('applies new monitoring intervals to the running watch, and refuses bad ones by field', async () => {
    const refresh = vi.spyOn(h.monitor.watch, 'refresh');
    const saved = await h.call('settings.set', { monitoring: { sessionIntervalSeconds: 30 } });
    expect(saved.monitoring).toMatchObject({ sessionIntervalSeconds: 30, offSessionIntervalSeconds: 300 });
    expect(refresh).toHaveBeenCalled();
    const bad = await h.outcome('settings.set', {
      monitoring: { sessionIntervalSeconds: 1, escalatedIntervalFactor: 2, extra: true },
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.issues?.map((i) => i.path)).toEqual(
      expect.arrayContaining(['monitoring.sessionIntervalSeconds', 'monitoring.escalatedIntervalFactor']),
    );
    expect(bad.error.message).toContain('at least 5 s');
    expect((await h.call('settings.get')).monitoring.sessionIntervalSeconds).toBe(30);
  });

  it('applies a new retention policy to the store', async () => {
    const setRetention = vi.spyOn(h.monitor.store, 'setRetention');
    const saved = await h.call('settings.set', { retention: { rawDays: 7 } });
    expect(saved.retention.rawDays).toBe(7);
    expect(setRetention).toHaveBeenCalledWith(saved.retention);
    const settingsFile = JSON.parse(fs.readFileSync(path.join(h.dataDir, 'settings.json'), 'utf8')) as {
      retention: { rawDays: number };
    };
    expect(settingsFile.retention.rawDays).toBe(7);
  });
});
