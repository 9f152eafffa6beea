import path from 'node:path';
import { servicesFileSchema, type ServiceConfig } from '../../../shared/services.ts';
import type { ConfigProblem } from '../../../shared/status.ts';
import { SERVICES_FILE } from '../paths.ts';
import { loadJsonFile } from './json-file.ts';

export interface LoadedServices {
  file: string;
  services: ServiceConfig[];
  problem: ConfigProblem | null;
}

/** The services to watch: `--config FILE` if given, else services.json in the data folder. */
export function servicesFilePath(dataDir: string, configFile?: string): string {
  return configFile ? path.resolve(configFile) : path.join(dataDir, SERVICES_FILE);
}

export function loadServices(file: string, now: () => number): LoadedServices {
  const loaded = loadJsonFile(file, servicesFileSchema, () => ({ services: [] }), now);
  return loaded.ok
    ? { file, services: loaded.value.services, problem: null }
    : { file, services: [], problem: loaded.problem };
}
