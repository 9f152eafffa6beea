export type { ProbeContext } from './context.ts';
export {
  HeartbeatBook,
  MAX_HEARTBEAT_NAMES,
  heartbeatSnapshotSchema,
  type HeartbeatSnapshot,
} from './heartbeats.ts';
export { runProbe } from './run-probe.ts';
export { runProbes, DEFAULT_PROBE_CONCURRENCY, type RunProbesOptions } from './run-probes.ts';
export { validateService, type ServiceFieldError } from '../../../shared/services.ts';
