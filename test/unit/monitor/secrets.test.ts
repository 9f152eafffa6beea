import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/core/dispatcher.ts';
import type { Haltwatch } from '../../../electron/core/haltwatch.ts';
import { openTestHaltwatch } from '../../helpers/haltwatch.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';

const SECRET = 'sk-live-9f8e7d6c5b4a';

function exported(monitor: Haltwatch): string {
  const chunks: string[] = [];
  monitor.store.exportTo({ what: 'results', format: 'csv', from: 0, to: Date.UTC(2030, 0) }, (chunk) => {
    chunks.push(chunk);
  });
  return chunks.join('');
}
let dataDir: string;
let echo: HttpFixture;
let monitor: Haltwatch;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-vault-'));
  echo = await startHttpFixture({ mode: 'echo' });
  const service = {
    name: 'broker',
    kind: 'http',
    url: echo.url,
    expectStatus: ['299'],
    headers: { Authorization: { secret: 'BROKER_KEY' } },
  };
  fs.writeFileSync(path.join(dataDir, 'services.json'), JSON.stringify({ services: [service] }));
  monitor = openTestHaltwatch({ dataDir, clock: new ManualClock(Date.UTC(2026, 10, 21, 15)), log: () => {} });
});

afterEach(async () => {
  monitor.close();
  await echo.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('secrets entered through the contract (headless)', () => {
  it('are kept in an owner-only file, listed by name only, used by probes and never shown', async () => {
    const dispatch = createDispatcher(monitor.handlers);
    const saved = await dispatch(
      'secrets.set',
      { name: 'BROKER_KEY', value: SECRET },
      { actor: 'test', commandsAndSecrets: true },
    );
    expect(saved).toMatchObject({ ok: true, result: { names: ['BROKER_KEY'], problem: null } });
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    const file = path.join(dataDir, 'secrets.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const run = await monitor.engine.runCheck({ reason: 'manual' });
    expect(echo.requests.at(-1)?.headers.authorization).toBe(SECRET);
    expect(run.results[0]?.ok).toBe(false);
    const everything = JSON.stringify([
      run,
      monitor.status(),
      monitor.store.audit({ limit: 50, offset: 0 }),
      exported(monitor),
      await dispatch('secrets.list', {}, { actor: 'test', commandsAndSecrets: true }),
    ]);
    expect(everything).not.toContain(SECRET);
    expect(everything).toContain('secret_set');

    const deleted = await dispatch(
      'secrets.delete',
      { name: 'BROKER_KEY' },
      { actor: 'test', commandsAndSecrets: true },
    );
    expect(deleted).toMatchObject({ ok: true, result: { names: [] } });
    const again = await dispatch(
      'secrets.delete',
      { name: 'BROKER_KEY' },
      { actor: 'test', commandsAndSecrets: true },
    );
    expect(again).toMatchObject({ ok: false, error: { message: 'no secret named "BROKER_KEY"' } });
  });

  it('refuses bad names and empty values, naming the field', async () => {
    const dispatch = createDispatcher(monitor.handlers);
    const outcome = await dispatch(
      'secrets.set',
      { name: 'has space', value: '' },
      { actor: 'test', commandsAndSecrets: true },
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.issues?.map((i) => i.path)).toEqual(['name', 'value']);
  });
});
