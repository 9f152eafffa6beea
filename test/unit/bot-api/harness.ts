import Database from 'better-sqlite3';
import type { LightMyRequestResponse } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalServer, LocalServerOptions } from '../../../electron/core/api/local-server.ts';
import type { Haltwatch } from '../../../electron/core/haltwatch.ts';
import { openTestHaltwatch } from '../../helpers/haltwatch.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

/** The bot's token: gate, reports, heartbeats, status, issues, override on. */
export const TOKEN = 'bot-api-test-token-0123456789';
/** The operator's token: everything. */
export const OPERATOR_TOKEN = 'bot-api-operator-token-0123456789';

export interface BotApi {
  dataDir: string;
  clock: ManualClock;
  monitor: Haltwatch;
  server: LocalServer;
  auth: { authorization: string };
  /** The operator token's header. */
  operator: { authorization: string };
  /** A request as a bot sends it: with the token unless other headers are given. */
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** A JSON body when there is a payload, none otherwise. */
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Reads the database through its own connection, as a second process would. */
  db<T>(fn: (db: Database.Database) => T): T;
  close(): Promise<void>;
}

/**
 * A real monitor (fake clock, temp data folder) behind a real local server on a free port.
 * `services` go to services.json; `settings` to settings.json.
 */
export async function openBotApi(
  setup: { services?: unknown[]; settings?: unknown; server?: Partial<LocalServerOptions> } = {},
): Promise<BotApi> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-bot-api-'));
  fs.writeFileSync(path.join(dataDir, 'services.json'), JSON.stringify({ services: setup.services ?? [] }));
  if (setup.settings) fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify(setup.settings));
  // A Saturday: no scheduled check falls due while a test moves time.
  const clock = new ManualClock(Date.UTC(2026, 10, 21, 15, 0));
  const monitor = openTestHaltwatch({ dataDir, clock, log: () => {} });
  const server = await monitor.serve({
    port: 0,
    token: { token: TOKEN, source: 'option' },
    operatorToken: { token: OPERATOR_TOKEN, source: 'option' },
    log: () => {},
    ...setup.server,
  });
  const auth = { authorization: `Bearer ${server.token}` };
  const operator = { authorization: `Bearer ${server.operatorToken}` };
  return {
    dataDir,
    clock,
    monitor,
    server,
    auth,
    operator,
    get: (url, headers = auth) => server.app.inject({ method: 'GET', url, headers }),
    post: (url, payload, headers = auth) =>
      server.app.inject({
        method: 'POST',
        url,
        headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        payload: payload === undefined ? undefined : JSON.stringify(payload),
      }),
    db(fn) {
      const db = new Database(path.join(dataDir, 'haltwatch.db'), { readonly: true });
      try {
        return fn(db);
      } finally {
        db.close();
      }
    },
    async close() {
      await server.close();
      monitor.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function reportCount(api: BotApi): number {
  return api.db((db) => (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n);
}
