/**
 * `node bench/_serve-bot-api.ts <bare|fastify|haltwatch> <data folder>`: one compared server in a
 * process of its own, so valgrind can count its instructions alone and the bot-API bench measures it
 * as `haltwatch serve` runs. Prints its port; stops on SIGTERM. Started with an IPC channel, it answers
 * 'cpu' with the CPU time it has used (µs) and 'close' by closing and exiting.
 */
import { listen, SERVER_ROLES, type ServerRole } from './_bot-api-servers.ts';

const [role, dataDir] = process.argv.slice(2);
if (!SERVER_ROLES.includes(role as ServerRole) || !dataDir) {
  console.error(`usage: node bench/_serve-bot-api.ts <${SERVER_ROLES.join('|')}> <data folder>`);
  process.exit(2);
}
const server = await listen(role as ServerRole, dataDir);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('message', (message) => {
  if (message === 'close') stop();
  if (message === 'cpu') {
    const used = process.cpuUsage();
    process.send?.({ cpuMicros: used.user + used.system });
  }
});
process.stdout.write(`${server.port}\n`);
