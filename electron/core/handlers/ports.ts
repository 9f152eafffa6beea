import type { ApiInfo, TokenKindName } from '../../../shared/contract/api.ts';
import type { ConfigProblem } from '../../../shared/status.ts';
import type { Clock } from '../clock.ts';
import type { ConfigState } from '../config/config-state.ts';
import type { SettingsStore } from '../config/settings.ts';
import type { Engine } from '../engine.ts';
import type { NotificationCenter } from '../notify/center.ts';
import type { Scheduler } from '../scheduler/index.ts';
import type { ServiceWatch } from '../scheduler/service-intervals.ts';
import type { SecretBindings } from '../secrets/host-binding.ts';
import type { SecretVault } from '../secrets/vault.ts';
import type { Store } from '../store/index.ts';

/** What the contract's api.* methods reach: the local server, once it listens. */
export interface LocalApiControl {
  info(): ApiInfo;
  /** A new bot or operator token; audited with the actor. */
  rotateToken(which: TokenKindName, actor: string): ApiInfo;
}

/** The engine as the handlers see it: checks, status, levels, breakers, heartbeats, its saved state. */
export type EnginePort = Pick<
  Engine,
  | 'status'
  | 'runCheck'
  | 'startCheck'
  | 'probeOnce'
  | 'levels'
  | 'breakers'
  | 'heartbeats'
  | 'serviceConfigs'
  | 'saveSnapshot'
  | 'saveSnapshotSoon'
  | 'emitStatus'
>;

export interface SecretsPort {
  /** Null when the secrets file is unusable: saving a secret is refused with the problem. */
  vault: SecretVault | null;
  problem: ConfigProblem | null;
  /** Which host each secret may be sent to: the one it was saved with. */
  bindings: SecretBindings;
}

/**
 * Everything a handler may reach, each as narrow as its users need. Every area of handlers takes
 * only the ports it uses (a `Pick` of these), so none sees the whole application.
 */
export interface HandlerPorts {
  clock: Clock;
  engine: EnginePort;
  store: Store;
  settings: SettingsStore;
  config: Pick<
    ConfigState,
    'servicesFile' | 'servicesFileProblem' | 'configuredServices' | 'replaceServices' | 'changed'
  >;
  scheduler: Pick<Scheduler, 'update' | 'upcoming'>;
  watch: Pick<ServiceWatch, 'refresh'>;
  secrets: SecretsPort;
  notifications: NotificationCenter;
  /** The local server's control while it listens; null before (or without one). */
  localApi: () => LocalApiControl | null;
  log: (message: string) => void;
}
