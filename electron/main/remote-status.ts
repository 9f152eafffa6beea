import { z } from 'zod';
import type { SignalCause } from '../../shared/audit.ts';
import { LEVELS, type LevelName } from '../../shared/levels.ts';
import type { Clock, TimerHandle } from '../core/clock.ts';
import { errorMessage } from '../../shared/errors.ts';

/** What the tray shows of an engine in another process: its level, or that it does not answer. */
export type RemoteView =
  | { reachable: true; level: LevelName; cause: SignalCause | null; overriddenBy: string | null }
  | { reachable: false; why: string };

const statusSchema = z.object({
  level: z.enum(LEVELS),
  cause: z
    .object({
      signal: z.string(),
      service: z.string().optional(),
      value: z.union([z.number(), z.string()]),
      threshold: z.union([z.number(), z.string()]).optional(),
    })
    .nullable()
    .catch(null),
  override: z.object({ enabled: z.boolean(), actor: z.string() }).nullable().catch(null),
});

export const REMOTE_POLL_MS = 2_000;
export const REMOTE_TIMEOUT_MS = 3_000;

/** One GET /v1/status of the engine at `origin`, read as a RemoteView; never throws. */
export async function readRemoteStatus(
  origin: string,
  token: string,
  options: { clock: Clock; fetch?: typeof fetch; timeoutMs?: number },
): Promise<RemoteView> {
  const timeoutMs = options.timeoutMs ?? REMOTE_TIMEOUT_MS;
  const abort = new AbortController();
  const timer = options.clock.setTimer(() => abort.abort(), timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(`${origin}/v1/status`, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
      redirect: 'error',
    });
    if (!response.ok) return { reachable: false, why: `it answered HTTP ${response.status}` };
    const parsed = statusSchema.safeParse(await response.json());
    if (!parsed.success) return { reachable: false, why: 'its answer is not a Haltwatch status' };
    const { level, cause, override } = parsed.data;
    return { reachable: true, level, cause, overriddenBy: override?.enabled ? override.actor : null };
  } catch (error) {
    return {
      reachable: false,
      why: abort.signal.aborted ? `no answer within ${timeoutMs} ms` : `not reached (${errorMessage(error)})`,
    };
  } finally {
    timer.cancel();
  }
}

/**
 * Reads the running engine's status every `REMOTE_POLL_MS` (after the previous read ends) and
 * reports each view. Until the first answer the view is "not reachable": never a stale NORMAL.
 */
export function watchRemoteStatus(
  origin: string,
  token: string,
  options: { clock: Clock; fetch?: typeof fetch; onView: (view: RemoteView) => void },
): () => void {
  let stopped = false;
  let timer: TimerHandle | null = null;
  const poll = async () => {
    const view = await readRemoteStatus(origin, token, options);
    if (stopped) return;
    options.onView(view);
    timer = options.clock.setTimer(() => void poll(), REMOTE_POLL_MS);
  };
  void poll();
  return () => {
    stopped = true;
    timer?.cancel();
  };
}
