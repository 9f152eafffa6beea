import type { FastifyInstance } from 'fastify';
import net from 'node:net';
import type { AuditEvent } from '../../../shared/audit.ts';
import type { ApiInfo } from '../../../shared/contract/api.ts';
import type { AppSettings } from '../../../shared/settings.ts';
import type { Clock } from '../clock.ts';
import type { Dispatch } from '../dispatcher.ts';
import type { EventHub } from '../events.ts';
import type { LocalApiControl } from '../handlers/ports.ts';
import type { HaltwatchMetrics } from './metrics.ts';
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

/** How a listening server is started; openHaltwatch's `serve` fills in what comes from the engine. */
export interface LocalServerOptions {
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

/** What the server takes from the application: its one dispatcher, metrics, events and settings. */
export interface LocalServerPorts {
  dataDir: string;
  dispatch: Dispatch;
  metrics: HaltwatchMetrics;
  events: EventHub;
  clock: Clock;
  apiSettings: () => AppSettings['api'];
  audit: (event: AuditEvent) => void;
  /** Told when the server listens and when it closed, so the api.* methods can reach it meanwhile. */
  listening?: (control: LocalApiControl) => void;
  stopped?: (control: LocalApiControl) => void;
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
  /** What the contract's api.* methods reach while the server listens. */
  readonly control: LocalApiControl;
  close(): Promise<void>;
}

/**
 * Starts the local server of `haltwatch serve` and the desktop app: dashboard transport, bot API and
 * /metrics on one port. Listens on loopback unless the user set another host *and* chose the token.
 */
export async function startLocalServer(
  ports: LocalServerPorts,
  options: LocalServerOptions = {},
): Promise<LocalServer> {
  const { dataDir, dispatch, metrics, events, clock } = ports;
  const settings = ports.apiSettings();
  const host = options.host ?? settings.host;
  const loopback = isLoopbackHost(host);
  if (!loopback && !options.token) {
    throw new UserError(
      `refusing to listen on ${host}: an address other than loopback needs a token you chose ` +
        '(--token or HALTWATCH_TOKEN), so nobody on the network can use a generated one they saw',
    );
  }
  let token: ResolvedToken = resolveToken(dataDir, options.token, BOT_TOKEN);
  let operator: ResolvedToken = resolveToken(dataDir, options.operatorToken, OPERATOR_TOKEN);
  if (operator.token === token.token) {
    throw new UserError(
      `the operator token (${describeSource(operator, OPERATOR_TOKEN)}) is the same as the bot token ` +
        `(${describeSource(token, BOT_TOKEN)}): give them different values, so a bot's token cannot do the operator's work`,
    );
  }
  const app = await createApiServer({
    dispatch,
    events,
    token: () => token.token,
    operatorToken: () => operator.token,
    host,
    allowRemoteCommands: options.allowRemoteCommands,
    timeouts: options.timeouts,
    staticDir: options.staticDir,
    clock,
    log: options.log,
    bot: {
      now: () => clock.now(),
      metrics,
      // Off loopback, /metrics always needs the token: a scrape tells the whole network your level.
      metricsRequireToken: () => !loopback || ports.apiSettings().metricsRequireToken,
      log: options.log,
    },
  });
  try {
    await app.listen({ host, port: options.port ?? settings.port });
  } catch (error) {
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
    metricsRequireToken: !loopback || ports.apiSettings().metricsRequireToken,
  });
  const publish = () => options.publishDashboard?.(`${url}/?token=${operator.token}`);
  publish();
  const control: LocalApiControl = {
    info,
    rotateToken(which, actor) {
      const kind = which === 'operator' ? OPERATOR_TOKEN : BOT_TOKEN;
      const current = which === 'operator' ? operator : token;
      if (current.source === 'option' || current.source === 'env')
        throw new UserError(
          `the ${which} token comes from ${describeSource(current, kind)}; change it there and restart`,
        );
      const next: ResolvedToken = { token: rotateToken(dataDir, kind), source: 'generated' };
      if (which === 'operator') operator = next;
      else token = next;
      if (which === 'operator') publish();
      ports.audit({
        at: clock.now(),
        kind: 'manual',
        action: 'token_rotated',
        reason: `${which} token rotated`,
        actor,
        details: { token: which },
      });
      return info();
    },
  };

  ports.listening?.(control);

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
    control,
    async close() {
      ports.stopped?.(control);
      await app.close();
    },
  };
}

function describeSource(resolved: ResolvedToken, kind: TokenKind): string {
  if (resolved.source === 'option') return kind.option;
  if (resolved.source === 'env') return kind.env;
  return `the ${kind.file} file in the data folder`;
}
