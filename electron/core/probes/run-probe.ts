import type { ProbeOutcome, ProbeResult } from '../../../shared/probe.ts';
import type { ServiceConfig } from '../../../shared/services.ts';
import { redactor, type Redactor } from '../secrets/redact.ts';
import type { Details, ProbeContext, Verdict } from './context.ts';
import { startDeadline } from './deadline.ts';
import { describeError } from './errors.ts';
import { probeKind } from './registry.ts';

function safeTarget(service: ServiceConfig): string | undefined {
  try {
    return probeKind(service).target(service);
  } catch {
    return undefined;
  }
}

function redactDetails(details: Details | undefined, redact: Redactor): Details | undefined {
  if (!details || Object.keys(details).length === 0) return undefined;
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [key, typeof value === 'string' ? redact(value) : value]),
  );
}

/**
 * Runs one service's probe within its timeout. Never throws: an exception is a `fail` with a
 * reason, the deadline a `timeout`. Everything returned has passed through the secret redactor.
 */
export async function runProbe(service: ServiceConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const at = ctx.clock.now();
  const started = ctx.clock.monotonic();
  const name = typeof service?.name === 'string' ? service.name : '(unnamed)';
  const kind = typeof service?.kind === 'string' ? service.kind : '(unknown)';
  const timeoutMs = Number.isFinite(service?.timeoutMs) ? service.timeoutMs : 5000;
  const deadline = startDeadline(ctx.clock, timeoutMs, ctx.signal);
  const redact = redactor(ctx.secrets);
  let outcome: ProbeOutcome;
  let verdict: Verdict;
  try {
    const attempt = probeKind(service).probe(service, {
      clock: ctx.clock,
      secrets: ctx.secrets,
      heartbeats: ctx.heartbeats,
      isInSession: ctx.isInSession,
      signal: deadline.signal,
      at,
      redact,
    });
    attempt.catch(() => {}); // a probe that loses the race to its deadline rejects unobserved
    verdict = await Promise.race([attempt, deadline.expired]);
    outcome = verdict.ok ? 'ok' : 'fail';
  } catch (err) {
    const target = safeTarget(service);
    if (deadline.state === 'timeout') {
      outcome = 'timeout';
      verdict = { ok: false, reason: `timed out after ${timeoutMs} ms${target ? ` (${target})` : ''}` };
    } else if (deadline.state === 'cancelled') {
      outcome = 'fail';
      verdict = { ok: false, reason: 'check was cancelled before this probe finished' };
    } else {
      outcome = 'fail';
      verdict = { ok: false, reason: describeError(err, target) };
    }
  } finally {
    deadline.settle();
  }
  const latencyMs = Math.round((ctx.clock.monotonic() - started) * 10) / 10;
  const slow = outcome === 'ok' && service.slowMs !== undefined && latencyMs > service.slowMs;
  const reason = slow
    ? `${verdict.reason}; slow: ${Math.round(latencyMs)} ms (slow above ${service.slowMs} ms)`
    : verdict.reason;
  const result: ProbeResult = {
    service: name,
    kind,
    outcome,
    ok: outcome === 'ok',
    latencyMs,
    reason: redact(reason),
    at,
  };
  if (slow) result.slow = true;
  const details = redactDetails(verdict.details, redact);
  if (details) result.details = details;
  return result;
}
