/**
 * Runs one check in its own process and prints the results as JSON — and never calls
 * process.exit: the process ends only if the check left no socket, timer or child behind.
 * Usage: node check-in-child.ts '<services JSON array>'
 */
import { systemClock } from '../../../electron/core/clock.ts';
import { HeartbeatBook, runProbes } from '../../../electron/core/probes/index.ts';
import { envSecrets } from '../../../electron/core/secrets/index.ts';
import { servicesFileSchema } from '../../../shared/services.ts';

const { services } = servicesFileSchema.parse({ services: JSON.parse(process.argv[2] ?? '[]') });
const results = await runProbes(services, {
  clock: systemClock,
  secrets: envSecrets(process.env),
  heartbeats: new HeartbeatBook(),
});
process.stdout.write(`${JSON.stringify(results)}\n`);
