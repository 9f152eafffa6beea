import fs from 'node:fs';
import path from 'node:path';
import type { ServiceInput } from '../../shared/services.ts';

/** Writes services.json into a data folder, as a user would. */
export function writeServicesFile(dataDir: string, services: unknown[]): void {
  fs.writeFileSync(path.join(dataDir, 'services.json'), JSON.stringify({ services }));
}

/** A critical HTTP broker whose breaker opens on the first failure, so one failed check means HALT. */
export function fragileBroker(url: string): ServiceInput {
  return {
    name: 'broker',
    kind: 'http',
    url,
    timeoutMs: 2000,
    criticality: 'critical',
    breaker: { failureThreshold: 1 },
  };
}
