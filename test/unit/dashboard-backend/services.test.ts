import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SERVICES_FILE, brokerService, useHarness } from './harness.ts';

const h = useHarness();

function cacheService(port = 6399) {
  return {
    name: 'cache',
    kind: 'tcp' as const,
    host: '127.0.0.1',
    port,
    timeoutMs: 200,
    criticality: 'informational' as const,
  };
}

describe('services.list and services.validate', () => {
  it('lists the configured services, disabled ones included', async () => {
    await h.call('services.save', { service: { ...cacheService(), enabled: false } });
    const list = await h.call('services.list');
    expect(list.map((s) => [s.name, s.enabled])).toEqual([
      ['broker', true],
      ['cache', false],
    ]);
    expect(h.monitor.status().services.map((s) => s.name)).toEqual(['broker']);
  });

  it('answers ok for a valid service and one message per bad field otherwise', async () => {
    expect(await h.call('services.validate', { service: cacheService() })).toEqual({ ok: true });
    const bad = await h.call('services.validate', {
      service: { name: 'x', kind: 'http', url: 'ftp://nope', timeoutMs: 10 },
    });
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors;
    expect(errors.map((e) => e.path).sort()).toEqual(['timeoutMs', 'url']);
    expect(errors.find((e) => e.path === 'url')?.message).toContain('"ftp://nope"');
    expect(errors.find((e) => e.path === 'timeoutMs')?.message).toContain('got 10');

    const port = await h.call('services.validate', { service: { ...cacheService(), port: 70_000 } });
    expect(port).toEqual({
      ok: false,
      errors: [{ path: 'port', message: expect.stringContaining('70000') }],
    });
    const kind = await h.call('services.validate', { service: { name: 'x', kind: 'ftp' } });
    expect(kind.ok ? '' : kind.errors[0]?.message).toMatch(/must be one of http, tcp, .*got "ftp"/);
  });
});

describe('services.save', () => {
  it('adds a service: written to the file, watched at once, audited', async () => {
    const saved = await h.call('services.save', { service: cacheService(), reason: 'watch the cache' });
    expect(saved).toMatchObject({ service: { name: 'cache', kind: 'tcp', enabled: true }, notice: null });
    expect(h.servicesFile().services.map((s) => s.name)).toEqual(['broker', 'cache']);
    // The entry nobody edited stays as the user wrote it.
    expect(h.servicesFile().services[0]).toEqual(brokerService(h.broker.url));
    expect(h.monitor.status().services.map((s) => s.name)).toEqual(['broker', 'cache']);
    const audit = await h.call('history.audit', { kinds: ['manual'] });
    expect(audit.rows[0]).toMatchObject({
      action: 'service_added',
      reason: 'watch the cache',
      actor: 'tester',
      details: { service: 'cache' },
    });
    // And it survives a restart.
    h.reopen();
    expect(h.monitor.status().services.map((s) => s.name)).toEqual(['broker', 'cache']);
  });

  it('rejects bad fields with a message per field, and duplicate names', async () => {
    const bad = await h.outcome('services.save', { service: { ...cacheService(), port: 0, host: '' } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('invalid_input');
    const fields = new Set(bad.error.issues?.map((i) => i.path));
    expect([...fields].sort()).toEqual(['service.host', 'service.port']);

    const duplicate = await h.outcome('services.save', { service: { ...cacheService(), name: 'BROKER' } });
    expect(duplicate).toMatchObject({
      ok: false,
      error: { code: 'failed', message: 'a service named "broker" already exists' },
    });
    const missing = await h.outcome('services.save', { service: cacheService(), previousName: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { message: 'no service named "nope"' } });
    expect(h.servicesFile().services).toHaveLength(1);
  });

  it('keeps the state of a breaker across an edit, also of its breaker settings', async () => {
    h.broker.setMode({ status: 500 });
    await h.monitor.engine.runCheck({ reason: 'manual' });
    await h.monitor.engine.runCheck({ reason: 'manual' });
    expect(h.monitor.status().services[0]?.breaker.state).toBe('OPEN');
    expect(h.monitor.status().level).toBe('HALT');

    await h.call('services.save', {
      service: brokerService(h.broker.url, { timeoutMs: 2000 }),
      previousName: 'broker',
    });
    expect(h.monitor.status().services[0]?.breaker.state).toBe('OPEN');
    expect(h.monitor.engine.serviceConfigs[0]?.timeoutMs).toBe(2000);

    // New breaker settings: an open breaker stays open, so the service still holds the level up.
    await h.call('services.save', {
      service: brokerService(h.broker.url, { breaker: { failureThreshold: 3, openMs: 30_000 } }),
      previousName: 'broker',
    });
    expect(h.monitor.status().services[0]?.breaker.state).toBe('OPEN');
    expect(h.monitor.status()).toMatchObject({ level: 'HALT', desiredLevel: 'HALT' });
  });

  it('renames a service: the old name no longer holds the level up', async () => {
    h.broker.setMode({ status: 500 });
    await h.monitor.engine.runCheck({ reason: 'manual' });
    await h.monitor.engine.runCheck({ reason: 'manual' });
    expect(h.monitor.status().desiredLevel).toBe('HALT');
    await h.call('services.save', {
      service: brokerService(h.broker.url, { name: 'broker2' }),
      previousName: 'broker',
    });
    expect(h.servicesFile().services.map((s) => s.name)).toEqual(['broker2']);
    expect(h.monitor.status().desiredLevel).toBe('NORMAL');
    const audit = await h.call('history.audit', { kinds: ['manual'] });
    expect(audit.rows[0]).toMatchObject({
      action: 'service_changed',
      details: { service: 'broker → broker2' },
    });
  });

  it('waits for the check in progress before swapping breakers', async () => {
    h.broker.setMode({ slowMs: 100 });
    const check = h.monitor.engine.runCheck({ reason: 'manual' });
    const saved = h.call('services.save', { service: cacheService() });
    const run = await check;
    expect(run.results.map((r) => r.service)).toEqual(['broker']);
    await saved;
    expect(h.monitor.status().services.map((s) => s.name)).toEqual(['broker', 'cache']);
  });

  it('replaces a services file that failed to load only after its copy was kept', async () => {
    fs.writeFileSync(path.join(h.dataDir, SERVICES_FILE), '{"services": [{"name": "x", "kind": "http"}]}');
    h.reopen();
    const problem = h.monitor.config.servicesFileProblem;
    expect(problem?.keptAt).toBeTruthy();
    // The engine runs on the last good copy meanwhile: saving one service keeps the others it has.
    expect(problem?.lastGood).toMatch(/services\.last-good\.json$/);
    expect(h.monitor.config.configuredServices.map((s) => s.name)).toEqual(['broker']);
    await h.call('services.save', { service: cacheService() });
    expect(h.servicesFile().services.map((s) => s.name)).toEqual(['broker', 'cache']);
    expect(fs.readFileSync(problem!.keptAt!, 'utf8')).toContain('"kind": "http"');
    expect(h.monitor.status().problems).toEqual([]);
  });

  it('refuses to save over a file edited by hand since it was loaded', async () => {
    fs.writeFileSync(path.join(h.dataDir, SERVICES_FILE), JSON.stringify({ services: [] }));
    const outcome = await h.outcome('services.save', { service: cacheService() });
    expect(outcome).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('changed on disk') },
    });
  });
});

describe('services.delete', () => {
  it('removes the service from the file and the engine, audited with the reason', async () => {
    h.broker.setMode({ status: 500 });
    await h.monitor.engine.runCheck({ reason: 'manual' });
    await h.monitor.engine.runCheck({ reason: 'manual' });
    expect(h.monitor.status().desiredLevel).toBe('HALT');

    expect(await h.call('services.delete', { name: 'Broker', reason: 'decommissioned' })).toEqual({
      deleted: 'broker',
    });
    expect(h.servicesFile().services).toEqual([]);
    expect(h.monitor.status().services).toEqual([]);
    expect(h.monitor.status().desiredLevel).toBe('NORMAL');
    // The removed breaker's trial timer is gone: no probe of it when its trial time passes.
    const runCheck = vi.spyOn(h.monitor.engine, 'runCheck');
    h.clock.advance(60_000);
    expect(runCheck).not.toHaveBeenCalled();
    const audit = await h.call('history.audit', { kinds: ['manual'] });
    expect(audit.rows[0]).toMatchObject({ action: 'service_deleted', reason: 'decommissioned' });
  });

  it('needs a reason and an existing service', async () => {
    const noReason = await h.outcome('services.delete', { name: 'broker' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const missing = await h.outcome('services.delete', { name: 'nope', reason: 'cleanup' });
    expect(missing).toMatchObject({ ok: false, error: { message: 'no service named "nope"' } });
  });
});

describe('services.test', () => {
  it('probes once without storing the result or moving the breaker', async () => {
    h.broker.setMode({ status: 503 });
    const before = h.monitor.store.recentResults({}).length;
    for (let i = 0; i < 3; i++) {
      const result = await h.call('services.test', { service: brokerService(h.broker.url) });
      expect(result).toMatchObject({ service: 'broker', ok: false, outcome: 'fail' });
      expect(result.reason).toContain('503');
    }
    expect(h.monitor.store.recentResults({})).toHaveLength(before);
    expect(h.monitor.status().services[0]?.breaker.state).toBe('CLOSED');
    expect(h.monitor.status().level).toBe('NORMAL');

    h.broker.setMode('healthy');
    const ok = await h.call('services.test', { service: brokerService(h.broker.url, { name: 'new one' }) });
    expect(ok).toMatchObject({ service: 'new one', ok: true });
  });
});
