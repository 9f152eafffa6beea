import type { ServiceConfig } from '../../../shared/services.ts';
import type { ConfigProblem } from '../../../shared/status.ts';
import type { LevelEngine } from '../levels/index.ts';
import type { LoadedServices } from './services.ts';
import type { SettingsStore } from './settings.ts';

export interface ConfigStateOptions {
  loaded: LoadedServices;
  /** The secrets file's problem, if any: shown with the others, never cleared by a save. */
  secretsProblem: ConfigProblem | null;
  settings: SettingsStore;
  levels: Pick<LevelEngine, 'hold' | 'release'>;
  /** Puts the enabled services to work (the engine waits for its running check). */
  apply: (enabled: ServiceConfig[]) => Promise<void>;
}

/**
 * The services as configured (disabled ones included) and what is wrong with the configuration.
 * A settings or services file that failed with no good copy to fall back on holds HALT with cause
 * config_invalid: the engine must not trade on defaults it was never given.
 */
export class ConfigState {
  readonly servicesFile: string;
  private configured: ServiceConfig[];
  /** Services and secrets problems; the settings problem is read live from the settings. */
  private fileProblems: ConfigProblem[];
  private servicesInvalid: boolean;
  private applied: Promise<void> = Promise.resolve();
  private readonly o: ConfigStateOptions;

  constructor(options: ConfigStateOptions) {
    this.o = options;
    this.servicesFile = options.loaded.file;
    this.configured = options.loaded.services;
    this.servicesInvalid = options.loaded.invalid;
    this.fileProblems = [options.loaded.problem, options.secretsProblem].filter(
      (p): p is ConfigProblem => p !== null,
    );
  }

  get configuredServices(): readonly ServiceConfig[] {
    return this.configured;
  }

  /** What was wrong with the services file when it was loaded; null once a save replaced it. */
  get servicesFileProblem(): ConfigProblem | null {
    return this.fileProblems.find((p) => p.file === this.servicesFile) ?? null;
  }

  problems(): ConfigProblem[] {
    const settings = this.o.settings.problem;
    return [...this.fileProblems, ...(settings ? [settings] : [])];
  }

  /** Watches `all` (the enabled ones) from now on; successive saves apply in order. */
  replaceServices(all: ServiceConfig[]): Promise<void> {
    this.configured = all;
    this.fileProblems = this.fileProblems.filter((p) => p.file !== this.servicesFile);
    this.servicesInvalid = false;
    this.changed();
    const applied = this.applied.then(() => this.o.apply(all.filter((s) => s.enabled)));
    this.applied = applied.catch(() => undefined);
    return applied;
  }

  /** Saving a good file (settings or services) releases the hold; the level steps down by the usual cooldowns. */
  changed(): void {
    const { settings, levels } = this.o;
    const bad = [
      settings.invalid ? settings.problem : null,
      this.servicesInvalid ? this.servicesFileProblem : null,
    ].filter((p): p is ConfigProblem => p !== null);
    if (bad.length === 0) levels.release('config');
    else levels.hold('config', { signal: 'config_invalid', value: bad.map((p) => p.message).join('; ') });
  }
}
