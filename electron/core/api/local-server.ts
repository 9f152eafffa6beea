import type { FastifyInstance } from 'fastify';
import net from 'node:net';
import type { ApiInfo, TokenKindName } from '../../../shared/contract/api.ts';
import { createDispatcher } from '../dispatcher.ts';
import type { Monitor } from '../monitor.ts';
import { createMetrics } from './metrics.ts';
import { createApiServer } from './server.ts';
import {
  BOT_TOKEN,
  OPERATOR_TOKEN,
  resolveToken,
  rotateToken,
  tokenPreview,
  type ResolvedToken,
  type TokenKind,
} from './token.ts';
import { isLoopbackHost } from '../../../shared/loopback.ts';
import { UserError } from '../../../shared/errors.ts';

/** What the contract's api.* methods reach through `monitor.localApi`. */
export interface LocalApiControl {
  info(): ApiInfo;
  /** A new bot or operator token; audited with the actor. */
  rotateToken(which: TokenKindName, actor: string): ApiInfo;
}

export interface LocalServerOptions {
  monitor: Monitor;
  dataDir: string;
  /** Default: settings api.port (17321); 0 picks a free port. */
  port?: number;
  /** Default: settings api.host (127.0.0.1). */
  host?: string;
  /** A token the user chose (--token, HALTWATCH_TOKEN); else the one kept in the data folder. */
  token?: { token: string; source: 'option' | 'env' };
  /** The operator's (--operator-token, HALTWATCH_OPERATOR_TOKEN); else the one kept in the data folder. */
  operatorToken?: { token: string; source: 'option' | 'env' };
  /** Command services and secrets may be changed over HTTP too (serve --allow-remote-commands). */
  allowRemoteCommands?: boolean;
  /** Request and idle-connection timeouts (ms); the defaults are the server's. */
  timeouts?: { requestMs: number; connectionMs: number };
  /** The built dashboard, served at / when present. */
  staticDir?: string | null;
  log?: (message: string) => void;
  /**
   * The dashboard's address with the operator token, once listening and after each rotation of that
   * token (the data folder's lock file offers it to a second app: a stale one would answer 401).
   */
  publishDashboard?: (url: string) => void;
}

export interface LocalServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The current bot token (rotation changes it). */
  readonly token: string;
  /** The current operator token. */
  readonly operatorToken: string;
  /** Where the bot token came from. */
  readonly tokenSource: ResolvedToken['source'];
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Starts the local server of `haltwatch serve` and the desktop app: dashboard transport, bot API and
 * /metrics on one port. Listens on loopback unless the user set another host *and* chose the token.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const { monitor } = options;
  const settings = monitor.settings.get().api;
  const host = options.host ?? settings.host;
  const loopback = isLoopbackHost(host);
  if (!loopback && !options.token) {
    throw new UserError(
      `refusing to listen on ${host}: an address other than loopback needs a token you chose ` +
        '(--token or HALTWATCH_TOKEN), so nobody on the network can use a generated one they saw',
    );
  }
  let token: ResolvedToken = resolveToken(options.dataDir, options.token, BOT_TOKEN);
  let operator: ResolvedToken = resolveToken(options.dataDir, options.operatorToken, OPERATOR_TOKEN);
  if (operator.token === token.token) {
    throw new UserError(
      `the operator token (${describeSource(operator, OPERATOR_TOKEN)}) is the same as the bot token ` +
        `(${describeSource(token, BOT_TOKEN)}): give them different values, so a bot's token cannot do the operator's work`,
    );
  }
  const metrics = createMetrics({
    events: monitor.events,
    state: () => ({
      level: monitor.levels.status().level,
      breakers: monitor.serviceConfigs.map((s) => ({
        service: s.name,
        state: monitor.breakers.view(s.name).state,
      })),
      breakerFailures: monitor.breakerCounts.failureCounts(),
      breakerTransitions: monitor.breakerCounts.transitionCounts(),
    }),
  });
  const dispatch = metrics.counting(createDispatcher(monitor.handlers, options.log));
  const app = await createApiServer({
    dispatch,
    events: monitor.events,
    token: () => token.token,
    operatorToken: () => operator.token,
    host,
    allowRemoteCommands: options.allowRemoteCommands,
    timeouts: options.timeouts,
    staticDir: options.staticDir,
    clock: monitor.clock,
    log: options.log,
    bot: {
      history: monitor.store,
      now: () => monitor.clock.now(),
      metrics,
      // Off loopback, /metrics always needs the token: a scrape tells the whole network your level.
      metricsRequireToken: () => !loopback || monitor.settings.get().api.metricsRequireToken,
      log: options.log,
    },
  });
  try {
    await app.listen({ host, port: options.port ?? settings.port });
  } catch (error) {
    metrics.close();
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? settings.port);
  const url = `http://${net.isIPv6(host) ? `[${host}]` : host}:${port}`;

  const info = (): ApiInfo => ({
    url,
    host,
    port,
    token: token.token,
    tokenPreview: tokenPreview(token.token),
    tokenSource: token.source,
    operatorToken: operator.token,
    operatorTokenPreview: tokenPreview(operator.token),
    operatorTokenSource: operator.source,
    remoteCommands: options.allowRemoteCommands ?? false,
    metricsRequireToken: !loopback || monitor.settings.get().api.metricsRequireToken,
  });
  const publish = () => options.publishDashboard?.(`${url}/?token=${operator.token}`);
  publish();
  monitor.localApi = {
    info,
    rotateToken(which, actor) {
      const kind = which === 'operator' ? OPERATOR_TOKEN : BOT_TOKEN;
      const current = which === 'operator' ? operator : token;
      if (current.source === 'option' || current.source === 'env')
        throw new UserError(
          `the ${which} token comes from ${describeSource(current, kind)}; change it there and restart`,
        );
      const next: ResolvedToken = { token: rotateToken(options.dataDir, kind), source: 'generated' };
      if (which === 'operator') operator = next;
      else token = next;
      if (which === 'operator') publish();
      monitor.store.appendAudit({
        at: monitor.clock.now(),
        kind: 'manual',
        action: 'token_rotated',
        reason: `${which} token rotated`,
        actor,
        details: { token: which },
      });
      return info();
    },
  };

  return {
    url,
    host,
    port,
    get token() {
      return token.token;
    },
    get operatorToken() {
      return operator.token;
    },
    get tokenSource() {
      return token.source;
    },
    app,
    async close() {
      if (monitor.localApi?.info === info) monitor.localApi = null;
      metrics.close();
      await app.close();
    },
  };
}

function describeSource(resolved: ResolvedToken, kind: TokenKind): string {
  if (resolved.source === 'option') return kind.option;
  if (resolved.source === 'env') return kind.env;
  return `the ${kind.file} file in the data folder`;
}
