import { describe, expect, it } from 'vitest';
import { validateService } from '../../../shared/services.ts';

const base = { name: 'llm', kind: 'tcp', host: '127.0.0.1', port: 443, criticality: 'informational' };

describe('a service’s watch fields', () => {
  it('takes its own interval, confirmation count and latency thresholds, or "ignore"', () => {
    const own = validateService({
      ...base,
      intervalSeconds: 15,
      confirmFailures: 3,
      latency: { alertMs: 2000 },
    });
    expect(own).toMatchObject({
      ok: true,
      service: { intervalSeconds: 15, confirmFailures: 3, latency: { alertMs: 2000 } },
    });
    expect(validateService({ ...base, latency: 'ignore' })).toMatchObject({ ok: true });
    // Unset, they stay unset: the defaults live in one place (monitoring settings, DEFAULT_CONFIRM_FAILURES).
    const plain = validateService(base);
    expect(
      plain.ok && [plain.service.intervalSeconds, plain.service.confirmFailures, plain.service.latency],
    ).toEqual([undefined, undefined, undefined]);
  });

  it('names each bad field', () => {
    const result = validateService({
      ...base,
      intervalSeconds: 2,
      confirmFailures: 0,
      latency: { alertMs: 3000, haltMs: 1000 },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { path: 'intervalSeconds', message: 'must be at least 5 s' },
        { path: 'confirmFailures', message: 'must be at least 1' },
        {
          path: 'latency.haltMs',
          message: 'the HALT latency (1000 ms) must be at least the ALERT latency (3000 ms)',
        },
      ]),
    );
  });

  it('refuses an empty latency object and anything but "ignore" as text', () => {
    for (const latency of [{}, 'skip', { alertMs: 0 }]) {
      const result = validateService({ ...base, latency });
      expect(result.ok, JSON.stringify(latency)).toBe(false);
    }
  });
});
