import { systemClock, type Clock } from '../../../electron/core/clock.ts';
import type { ProbeContext } from '../../../electron/core/probes/index.ts';
import { HeartbeatBook } from '../../../electron/core/probes/index.ts';
import { staticSecrets } from '../../../electron/core/secrets/index.ts';
import { validateService, type ServiceConfig } from '../../../shared/services.ts';

/** A service as the services file would give it, defaults applied; a bad one fails the test. */
export function service(input: Record<string, unknown>): ServiceConfig {
  const parsed = validateService({ name: `${String(input.kind)}-under-test`, ...input });
  if (!parsed.ok) throw new Error(`bad test service: ${JSON.stringify(parsed.errors)}`);
  return parsed.service;
}

export function context(overrides: Partial<ProbeContext> & { clock?: Clock } = {}): ProbeContext {
  return {
    clock: systemClock,
    secrets: staticSecrets({}),
    heartbeats: new HeartbeatBook(),
    ...overrides,
  };
}
