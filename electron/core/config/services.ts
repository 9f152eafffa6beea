import path from 'node:path';
import { servicesFileSchema, type ServiceConfig } from '../../../shared/services.ts';
import type { ConfigProblem } from '../../../shared/status.ts';
import { SERVICES_FILE } from '../paths.ts';
import { loadWithLastGood } from './json-file.ts';

export interface LoadedServices {
  file: string;
  services: ServiceConfig[];
  problem: ConfigProblem | null;
  /** The file failed and no good copy exists: the engine must hold HALT (config_invalid). */
  invalid: boolean;
}

/** The services to watch: `--config FILE` if given, else services.json in the data folder. */
export function servicesFilePath(dataDir: string, configFile?: string): string {
  return configFile ? path.resolve(configFile) : path.join(dataDir, SERVICES_FILE);
}

export function loadServices(file: string, now: () => number): LoadedServices {
  const loaded = loadWithLastGood(file, servicesFileSchema, () => ({ services: [] }), now);
  return {
    file,
    services: loaded.value?.services ?? [],
    problem: loaded.problem,
    invalid: loaded.source === 'none',
  };
}
