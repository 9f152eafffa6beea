import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalServer } from '../../../electron/core/api/local-server.ts';
import { DEFAULT_SETTINGS } from '../../../shared/settings.ts';
import { useHarness } from './harness.ts';

describe('settings.set { api }', () => {
  const h = useHarness();
  let server: LocalServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('saves the port, host and metrics token rule, keeps the other sections, and keeps them across a restart', async () => {
    await h.call('settings.set', { theme: 'dark' });
    const saved = await h.call('settings.set', {
      api: { port: 18_080, host: '0.0.0.0', metricsRequireToken: true },
    });
    expect(saved.api).toEqual({ port: 18_080, host: '0.0.0.0', metricsRequireToken: true });
    expect(saved.theme).toBe('dark');
    expect(saved.notifications).toEqual(DEFAULT_SETTINGS.notifications);
    const file = JSON.parse(fs.readFileSync(path.join(h.dataDir, 'settings.json'), 'utf8')) as {
      api: unknown;
    };
    expect(file.api).toEqual(saved.api);
    h.reopen();
    expect((await h.call('settings.get')).api).toEqual(saved.api);
  });

  it('replaces the whole section: fields left out take their defaults', async () => {
    await h.call('settings.set', { api: { port: 18_080, host: '0.0.0.0', metricsRequireToken: true } });
    const saved = await h.call('settings.set', { api: { port: 18_081 } });
    expect(saved.api).toEqual({ port: 18_081, host: '127.0.0.1', metricsRequireToken: false });
  });

  it('a patch without api leaves it as it was', async () => {
    await h.call('settings.set', { api: { port: 18_082 } });
    const saved = await h.call('settings.set', { startAtLogin: true });
    expect(saved.api.port).toBe(18_082);
  });

  it.each([
    [{ port: 80 }, 'api.port', 'at least 1024'],
    [{ port: 70_000 }, 'api.port', 'at most 65535'],
    [{ port: 18_000.5 }, 'api.port', 'a whole number, got 18000.5'],
    [{ host: '   ' }, 'api.host', '>=1 characters'],
    [{ metricsRequireToken: 'yes' }, 'api.metricsRequireToken', 'expected boolean'],
    [{ port: 18_000, tls: true }, 'api', '"tls"'],
  ])('rejects %j naming %s and changes nothing', async (api, field, message) => {
    const outcome = await h.outcome('settings.set', { api });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('invalid_input');
    expect(outcome.error.issues?.map((i) => i.path)).toContain(field);
    expect(outcome.error.message).toContain(message);
    expect(await h.call('settings.get')).toEqual(DEFAULT_SETTINGS);
  });

  it('the running server keeps its address; only the metrics rule applies at once', async () => {
    server = await h.monitor.serve({ port: 0, host: '127.0.0.1' });
    const before = await h.call('api.info');
    expect(before.metricsRequireToken).toBe(false);
    await h.call('settings.set', { api: { port: 18_083, host: '127.0.0.2', metricsRequireToken: true } });
    const after = await h.call('api.info');
    expect({ host: after.host, port: after.port, url: after.url }).toEqual({
      host: before.host,
      port: before.port,
      url: before.url,
    });
    expect(after.metricsRequireToken).toBe(true);
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.status).toBe(401);
  });

  it('a non-loopback host is saved; the next start refuses it without a token the user chose', async () => {
    await h.call('settings.set', { api: { port: 18_084, host: '0.0.0.0', metricsRequireToken: false } });
    await expect(h.monitor.serve({ port: 0 })).rejects.toThrow(/refusing to listen on 0\.0\.0\.0/);
  });
});
