import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../shared/contract.ts';
import { statusAt } from '../../helpers/status-fixture.ts';
import { createDispatcher } from '../../../electron/core/dispatcher.ts';
import { ConfigError, UserError } from '../../../shared/errors.ts';
import { LevelActionError } from '../../../electron/core/levels/level-engine.ts';

const status = statusAt('NORMAL');
const ctx = { actor: 'test', commandsAndSecrets: true };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'status.get': () => status,
    'check.run': () => ({
      id: 1,
      reason: 'manual',
      checkpoint: null,
      startedAt: 0,
      finishedAt: 1,
      results: [],
    }),
    ...overrides,
  } as Handlers;
}

describe('the dispatcher', () => {
  it('answers a known method with its result', async () => {
    const dispatch = createDispatcher(handlers());
    expect(dispatch('status.get', {}, ctx)).toEqual({ ok: true, result: status });
  });

  it('answers a synchronous handler synchronously and an async one with a promise', async () => {
    const dispatch = createDispatcher(
      handlers({
        'status.get': async () => status,
        'check.run': () => Promise.reject(new Error('late boom')),
      }),
      () => {},
    );
    expect(createDispatcher(handlers())('status.get', {}, ctx)).not.toBeInstanceOf(Promise);
    await expect(dispatch('status.get', {}, ctx)).resolves.toEqual({ ok: true, result: status });
    await expect(dispatch('check.run', {}, ctx)).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'check.run failed: late boom' },
    });
  });

  it('names an unknown method', async () => {
    const outcome = await createDispatcher(handlers())('status.delete', {}, ctx);
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: 'unknown method "status.delete"' },
    });
  });

  it("runs a method's lenient case only for input its schema refuses: a cancel with unknown fields", () => {
    const asked: unknown[] = [];
    const dispatch = createDispatcher(
      handlers({
        'gate.decide': ((request: unknown) => (
          asked.push(request),
          {}
        )) as unknown as Handlers['gate.decide'],
      }),
    );
    expect(dispatch('gate.decide', { action: 'cancel', orderId: '7' }, ctx)).toMatchObject({ ok: true });
    expect(dispatch('gate.decide', { action: 'cancel', symbol: ' MSFT ' }, ctx)).toMatchObject({ ok: true });
    const open = dispatch('gate.decide', { action: 'open', orderId: '7' }, ctx);
    expect(open).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(open)).toContain('orderId');
    // The valid cancel keeps its checked (trimmed) fields; only the refused one becomes a plain cancel.
    expect(asked).toEqual([{ action: 'cancel' }, { action: 'cancel', symbol: 'MSFT' }]);
  });

  it('rejects input that does not fit the schema, naming the field', async () => {
    const outcome = await createDispatcher(handlers())('status.get', { surprise: 1 }, ctx);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('invalid_input');
    expect(outcome.error.message).toContain('surprise');
  });

  it('turns a handler failure into an error outcome instead of throwing', async () => {
    const logged: string[] = [];
    const dispatch = createDispatcher(
      handlers({
        'status.get': () => {
          throw new Error('boom');
        },
        'check.run': () => {
          throw new UserError('a check is not possible now');
        },
      }),
      (m) => logged.push(m),
    );
    expect(dispatch('status.get', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'status.get failed: boom' },
    });
    expect(dispatch('check.run', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'failed', message: 'a check is not possible now' },
    });
    expect(logged).toHaveLength(1);
  });

  it('answers every kind of caller error as failed by its class, not its name, and logs none', () => {
    const logged: string[] = [];
    const thrown: Error[] = [
      new ConfigError('retention', ['rawDays: at least 1 (got 0)']),
      new LevelActionError('confirm: the signals still call for HALT'),
    ];
    const dispatch = createDispatcher(
      handlers({
        'check.run': () => {
          throw thrown.shift();
        },
      }),
      (m) => logged.push(m),
    );
    expect(dispatch('check.run', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'failed', message: 'retention: rawDays: at least 1 (got 0)' },
    });
    expect(dispatch('check.run', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'failed', message: 'confirm: the signals still call for HALT' },
    });
    const impostor = Object.assign(new Error('a bug'), { name: 'UserError' });
    const dispatchImpostor = createDispatcher(
      handlers({
        'check.run': () => {
          throw impostor;
        },
      }),
      (m) => logged.push(m),
    );
    expect(dispatchImpostor('check.run', {}, ctx)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toHaveLength(1);
  });

  it.each([null, undefined, 42, 'x', [1]])('never throws on a garbage method name (%s)', async (name) => {
    const outcome = await createDispatcher(handlers())(name, { any: 'thing' }, ctx);
    expect(outcome.ok).toBe(false);
  });
});
