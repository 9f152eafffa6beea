import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_SOON_MS } from '../../../electron/core/engine.ts';
import { openTestHaltwatch } from '../../helpers/haltwatch.ts';
import { openBotApi, type BotApi } from './harness.ts';

interface SavedState {
  savedAt: number;
  level: string;
  latencies: [string, number][];
  consecutiveOrderFailures: number;
}

let api: BotApi;
beforeEach(async () => {
  api = await openBotApi();
});
afterEach(async () => {
  await api.close();
});

/** The engine state as the database holds it, read through a second connection as after a crash. */
function saved(): SavedState | null {
  const row = api.db(
    (db) =>
      db.prepare('SELECT saved_at, state FROM engine_state WHERE id = 1').get() as
        { saved_at: number; state: string } | undefined,
  );
  if (!row) return null;
  const state = JSON.parse(row.state) as {
    levels: {
      level: string;
      signals: { latencies: [string, number][]; consecutiveOrderFailures: number };
    };
  };
  return {
    savedAt: row.saved_at,
    level: state.levels.level,
    latencies: state.levels.signals.latencies,
    consecutiveOrderFailures: state.levels.signals.consecutiveOrderFailures,
  };
}

const post = (reports: unknown[]) =>
  api.server.app.inject({
    method: 'POST',
    url: '/v1/reports',
    headers: { ...api.auth, 'content-type': 'application/json' },
    payload: JSON.stringify({ reports }),
  });

describe('engine state saves after bot reports', () => {
  it('saves a run of fills and quiet latencies once, within the deferral', async () => {
    const before = saved();
    const firstAt = api.clock.now();
    for (let i = 0; i < 20; i++) {
      expect((await post([{ type: 'order_success' }])).statusCode).toBe(200);
      expect((await post([{ type: 'latency', service: 'broker', ms: 100 + i }])).statusCode).toBe(200);
      api.clock.advance(5);
    }
    expect(saved()).toEqual(before);
    api.clock.advance(SNAPSHOT_SOON_MS);
    expect(saved()).toMatchObject({ savedAt: firstAt + SNAPSHOT_SOON_MS, latencies: [['broker', 119]] });
    await post([{ type: 'order_success' }]);
    api.clock.advance(SNAPSHOT_SOON_MS);
    expect(saved()?.savedAt).toBe(api.clock.now());
  });

  it('saves at once a failure, even one that crosses no threshold', async () => {
    await post([{ type: 'order_failure', reason: 'rejected' }]);
    expect(saved()).toMatchObject({ consecutiveOrderFailures: 1, level: 'NORMAL' });
  });

  it('saves at once a latency that crosses a threshold, and the level it moved', async () => {
    await post([{ type: 'latency', service: 'broker', ms: 3_500 }]);
    expect(saved()).toMatchObject({ level: 'HALT', latencies: [['broker', 3_500]] });
    await post([{ type: 'latency', service: 'broker', ms: 3_600 }]);
    expect(saved()).toMatchObject({ level: 'HALT', latencies: [['broker', 3_600]] });
  });

  it('a HALT from a report survives a crash: a second engine on the same files starts halted', async () => {
    await post([{ type: 'order_success' }, { type: 'latency', service: 'broker', ms: 4_000 }]);
    const restarted = openTestHaltwatch({ dataDir: api.dataDir, clock: api.clock, log: () => {} });
    try {
      expect(restarted.status().level).toBe('HALT');
    } finally {
      restarted.close();
    }
  });

  it('an immediate save takes the deferred one with it', async () => {
    await post([{ type: 'latency', service: 'market', ms: 42 }]);
    expect(saved()?.latencies ?? []).not.toContainEqual(['market', 42]);
    await post([{ type: 'pnl', realized: -10, equity: 10_000 }]);
    const now = saved();
    expect(now?.latencies).toContainEqual(['market', 42]);
    api.clock.advance(SNAPSHOT_SOON_MS * 4);
    expect(saved()).toEqual(now);
  });

  it('a deferred save is done when the monitor closes', async () => {
    const other = openTestHaltwatch({ dataDir: api.dataDir, clock: api.clock, log: () => {} });
    await other.handlers['reports.submit'](
      { reports: [{ type: 'latency', service: 'market', ms: 42 }] },
      { actor: 'bot', commandsAndSecrets: true },
    );
    expect(saved()?.latencies ?? []).not.toContainEqual(['market', 42]);
    other.close();
    expect(saved()?.latencies).toContainEqual(['market', 42]);
  });
});
