/**
 * A typed client for a TypeScript trading bot: `import { createHaltwatchClient } from 'haltwatch/client'`.
 * Uses only `fetch` and is TypeScript source: it runs under Node 22.18+ from a clone (type stripping),
 * Bun, Deno, tsx or a bundler. Of the app's shared files it takes types and the list of levels;
 * nothing of the engine is bundled.
 */
import type { GateAnswer, GateRequest, Issue, LevelStatus } from '../shared/gate.ts';
import type { AuditPage, CheckpointRow, CheckRunRecord, LevelTimelinePoint } from '../shared/history.ts';
import type { reportSchema } from '../shared/reports.ts';
import type { EngineStatus } from '../shared/status.ts';
import type { z } from 'zod';
import { gateAnswerProblem } from './gate-answer.ts';
import { checkedOptions, type HaltwatchClientOptions } from './options.ts';

export type { GateAnswer, GateRequest, Issue, LevelStatus, EngineStatus, CheckRunRecord };
export type { HaltwatchClientOptions };
/** A report as the bot sends it (optional fields may be left out). */
export type ReportInput = z.input<typeof reportSchema>;

export type HistoryQuery =
  | { view?: 'levels' | 'checkpoints'; from?: number; to?: number }
  | {
      view: 'audit';
      from?: number;
      to?: number;
      kinds?: ('level' | 'breaker' | 'manual')[];
      service?: string;
      limit?: number;
      offset?: number;
    };

export type HistoryAnswer =
  | { view: 'levels'; from: number; to: number; points: LevelTimelinePoint[] }
  | { view: 'checkpoints'; from: number; to: number; checkpoints: CheckpointRow[] }
  | ({ view: 'audit' } & AuditPage);

/** A non-2xx answer: `code` and `issues` as the server sent them (e.g. path `reports[3].expectedPrice`). */
export class HaltwatchApiError extends Error {
  override readonly name = 'HaltwatchApiError';
  readonly status: number;
  readonly code: string;
  readonly issues: { path: string; message: string }[];

  constructor(
    status: number,
    code: string,
    message: string,
    issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

/** Actions that lower risk; `mayTrade` lets them through when Haltwatch cannot be asked. */
const RISK_REDUCING = new Set<GateRequest['action']>(['reduce', 'close', 'cancel']);

/** Throws a TypeError naming the field when an option is wrong (bad URL, empty token, timeout ≤ 0). */
export function createHaltwatchClient(options: HaltwatchClientOptions) {
  const { baseUrl: base, token, fetch: doFetch, timeoutMs } = checkedOptions(options);

  /** `problemWith` names what is wrong with a 2xx body that is not what the call answers. */
  async function request<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    problemWith?: (parsed: unknown) => string | null,
  ): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await doFetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      throw new HaltwatchApiError(response.status, 'invalid_response', `not JSON: ${text.slice(0, 200)}`);
    }
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string; issues?: [] } } | null)?.error;
      throw new HaltwatchApiError(
        response.status,
        error?.code ?? 'http_error',
        error?.message ?? `HTTP ${response.status}`,
        Array.isArray(error?.issues) ? error.issues : [],
      );
    }
    const problem = problemWith?.(parsed);
    if (problem) throw new HaltwatchApiError(response.status, 'invalid_response', problem);
    return parsed as T;
  }

  const query = (params: Record<string, string | number | string[] | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) search.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    const text = search.toString();
    return text ? `?${text}` : '';
  };

  const gate = (ask: GateRequest) =>
    request<GateAnswer>('GET', `/v1/gate${query({ ...ask })}`, undefined, gateAnswerProblem);

  return {
    /**
     * The gate's answer for one order. Throws on any error, and on a body that is not a gate answer
     * (code `invalid_response`): treat that as "not allowed".
     */
    gate,
    /**
     * true when the order may go out. When Haltwatch cannot answer (down, timeout, refused), fails
     * closed for opens and increases and open for reduce, close and cancel, so risk can always come off.
     */
    async mayTrade(ask: GateRequest): Promise<boolean> {
      try {
        return (await gate(ask)).allowed;
      } catch {
        return RISK_REDUCING.has(ask.action);
      }
    },
    /** One report or a batch (at most 1000). A batch with a bad item is rejected whole. */
    report: (reports: ReportInput | ReportInput[]) =>
      request<{ accepted: number }>('POST', '/v1/reports', {
        reports: Array.isArray(reports) ? reports : [reports],
      }),
    heartbeat: (name: string) =>
      request<{ name: string; at: number }>('POST', `/v1/heartbeats/${encodeURIComponent(name)}`),
    status: () => request<EngineStatus>('GET', '/v1/status'),
    /** `enabled: true` with either token; releasing it (`false`) needs the operator token (else 403). */
    override: (enabled: boolean, reason: string) =>
      request<LevelStatus>('POST', '/v1/override', { enabled, reason }),
    // recover, confirm, runCheck, check and history need the operator token: the bot token gets 403.
    recover: (reason: string) => request<LevelStatus>('POST', '/v1/recover', { reason }),
    confirm: (reason: string) => request<LevelStatus>('POST', '/v1/confirm', { reason }),
    /** Starts a check now; its id, to follow with `check(id)`. */
    runCheck: () => request<{ id: number }>('POST', '/v1/check'),
    /** null while the check is unknown. */
    async check(id: number): Promise<CheckRunRecord | null> {
      try {
        return await request<CheckRunRecord>('GET', `/v1/checks/${id}`);
      } catch (error) {
        if (error instanceof HaltwatchApiError && error.status === 404) return null;
        throw error;
      }
    },
    issues: (minutes = 5) => request<Issue[]>('GET', `/v1/issues${query({ minutes })}`),
    history: (ask: HistoryQuery = {}) => request<HistoryAnswer>('GET', `/v1/history${query({ ...ask })}`),
  };
}

export type HaltwatchClient = ReturnType<typeof createHaltwatchClient>;
