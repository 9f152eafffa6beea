import type { ServiceOfKind } from '../../../shared/services.ts';
import { healthy, unhealthy, type ProbeEnv, type Verdict } from './context.ts';

const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));

/** Dead man's switch: healthy while the bot's last report is within the grace period. */
export async function probeHeartbeat(service: ServiceOfKind<'heartbeat'>, env: ProbeEnv): Promise<Verdict> {
  const grace = service.graceSeconds;
  const who = `"${service.name}"`;
  const last = env.heartbeats.last(service.name);
  if (last === undefined) {
    const waited = seconds(env.at - env.heartbeats.watchingSince(service.name, env.at));
    if (waited <= grace)
      return healthy(`waiting for the first heartbeat from ${who} (grace ${grace} s)`, {
        waitingForFirst: true,
      });
    return unhealthy(`no heartbeat from ${who} in the ${waited} s it has been watched (grace ${grace} s)`, {
      secondsWatched: waited,
    });
  }
  const age = seconds(env.at - last);
  const details = { lastHeartbeatAt: last, secondsSinceHeartbeat: age };
  if (age > grace) return unhealthy(`no heartbeat from ${who} for ${age} s (grace ${grace} s)`, details);
  return healthy(`last heartbeat from ${who} ${age} s ago`, details);
}
