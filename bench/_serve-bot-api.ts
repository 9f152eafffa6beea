/**
 * `node bench/_serve-bot-api.ts <bare|fastify|haltwatch> <data folder>`: one compared server in a
 * process of its own, so valgrind can count its instructions alone. Prints its port; stops on SIGTERM.
 */
import { listen, SERVER_ROLES, type ServerRole } from './_bot-api-servers.ts';

const [role, dataDir] = process.argv.slice(2);
if (!SERVER_ROLES.includes(role as ServerRole) || !dataDir) {
  console.error(`usage: node bench/_serve-bot-api.ts <${SERVER_ROLES.join('|')}> <data folder>`);
  process.exit(2);
}
const server = await listen(role as ServerRole, dataDir);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
process.stdout.write(`${server.port}\n`);
