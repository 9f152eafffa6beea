import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { CallOutcome, MethodInput, MethodName, MethodResult } from '../../../shared/contract.ts';
import type { ServiceInput } from '../../../shared/services.ts';
import { createDispatcher } from '../../../electron/core/dispatcher.ts';
import type { Haltwatch } from '../../../electron/core/haltwatch.ts';
import { openTestHaltwatch } from '../../helpers/haltwatch.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';

/** A real Haltwatch in a temp data folder on a fake clock, called through the contract's dispatcher. */
export interface Harness {
  dataDir: string;
  clock: ManualClock;
  broker: HttpFixture;
  monitor: Haltwatch;
  /** Calls a method; throws with the error outcome when it fails. */
  call<M extends MethodName>(name: M, input?: MethodInput<M>): Promise<MethodResult<M>>;
  /** Calls a method and returns the raw outcome. */
  outcome(name: MethodName, input?: unknown): Promise<CallOutcome>;
  /** Closes the monitor and opens a new one on the same folder (a restart). */
  reopen(): Haltwatch;
  servicesFile(): { services: Record<string, unknown>[] };
}

export const SERVICES_FILE = 'services.json';

type HttpServiceInput = Extract<ServiceInput, { kind: 'http' }>;

export function brokerService(url: string, extra: Partial<HttpServiceInput> = {}): HttpServiceInput {
  return {
    name: 'broker',
    kind: 'http',
    url,
    timeoutMs: 1000,
    criticality: 'critical',
    breaker: { failureThreshold: 2, openMs: 30_000 },
    ...extra,
  };
}

/** Registers before/after hooks; the returned object is filled in before each test. */
export function useHarness(options: { start?: number; services?: (broker: HttpFixture) => unknown[] } = {}) {
  const h = {} as Harness;
  let monitors: Haltwatch[] = [];

  beforeEach(async () => {
    h.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-dashback-'));
    h.broker = await startHttpFixture();
    // A Saturday unless told otherwise: no scheduled check falls due while tests move time.
    h.clock = new ManualClock(options.start ?? Date.UTC(2026, 10, 21, 15, 0));
    const services = options.services?.(h.broker) ?? [brokerService(h.broker.url)];
    fs.writeFileSync(path.join(h.dataDir, SERVICES_FILE), JSON.stringify({ services }));
    const open = () => {
      const monitor = openTestHaltwatch({ dataDir: h.dataDir, clock: h.clock, log: () => {} });
      monitors.push(monitor);
      h.monitor = monitor;
      const dispatch = createDispatcher(monitor.handlers, () => {});
      h.outcome = async (name, input) =>
        dispatch(name, input ?? {}, { actor: 'tester', commandsAndSecrets: true });
      return monitor;
    };
    h.call = async (name, input) => {
      const outcome = await h.outcome(name, input);
      if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
      return outcome.result as never;
    };
    h.reopen = () => {
      h.monitor.close();
      monitors = monitors.filter((m) => m !== h.monitor);
      return open();
    };
    h.servicesFile = () =>
      JSON.parse(fs.readFileSync(path.join(h.dataDir, SERVICES_FILE), 'utf8')) as {
        services: Record<string, unknown>[];
      };
    open();
  });

  afterEach(async () => {
    for (const m of monitors.splice(0)) m.close();
    await h.broker.stop();
    fs.rmSync(h.dataDir, { recursive: true, force: true });
  });

  return h;
}
