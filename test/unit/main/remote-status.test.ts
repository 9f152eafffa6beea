import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRemoteStatus, REMOTE_TIMEOUT_MS } from '../../../electron/main/remote-status.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { startProviderFake, type ProviderFake } from '../../helpers/servers/provider-fake.ts';
import { statusAt } from '../../helpers/status-fixture.ts';

let fake: ProviderFake;
let clock: ManualClock;
beforeEach(async () => {
  fake = await startProviderFake();
  clock = new ManualClock();
});
afterEach(() => fake.stop());

const read = () => readRemoteStatus(fake.origin, 'operator-token', { clock });

describe('reading the level of an engine in another process', () => {
  it('GET /v1/status with the token: level, cause and override', async () => {
    fake.fallback = {
      status: 200,
      body: statusAt('HALT', { override: { enabled: true, actor: 'bot', reason: 'r', since: 0 } }),
    };
    expect(await read()).toEqual({
      reachable: true,
      level: 'HALT',
      cause: { signal: 'breaker', service: 'broker', value: 'OPEN' },
      overriddenBy: 'bot',
    });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', url: '/v1/status' });
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer operator-token');
  });

  it('anything but a status is "not reachable", never a level', async () => {
    fake.answers = [
      { status: 401, body: { ok: false } },
      { status: 200, body: { level: 'GREAT' } },
      { status: 200, body: 'not json' },
    ];
    expect(await read()).toEqual({ reachable: false, why: 'it answered HTTP 401' });
    expect(await read()).toEqual({ reachable: false, why: 'its answer is not a Haltwatch status' });
    expect(await read()).toMatchObject({ reachable: false });
  });

  it('an engine that hangs is given up on after the timeout', async () => {
    fake.fallback = 'hang';
    const pending = read();
    await fake.received(1);
    clock.advance(REMOTE_TIMEOUT_MS);
    expect(await pending).toEqual({ reachable: false, why: `no answer within ${REMOTE_TIMEOUT_MS} ms` });
  });

  it('a closed port is "not reached"', async () => {
    const origin = fake.origin;
    await fake.stop();
    const view = await readRemoteStatus(origin, 't', { clock });
    expect(view).toMatchObject({ reachable: false, why: expect.stringMatching(/^not reached/) });
    fake = await startProviderFake();
  });
});
