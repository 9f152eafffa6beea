/**
 * What the bot-API benches compare — a bare node:http server returning a constant, fastify returning
 * the same constant, and Haltwatch's own gate — and a minimal keep-alive client to load them with.
 */
import Fastify from 'fastify';
import http from 'node:http';
import net from 'node:net';

export const TOKEN = 'bench-token-0123456789abcdef';
export const GATE_PATH = '/v1/gate?action=open&symbol=AAPL&confidence=0.8&quantity=10';
const CONSTANT = JSON.stringify({
  allowed: true,
  level: 'NORMAL',
  sizeMultiplier: 1,
  minConfidence: null,
  reasons: [],
  until: null,
  flatten: false,
});
const CONSTANT_BYTES = Buffer.byteLength(CONSTANT);

export const CONCURRENCY = 16;
export const SERVER_ROLES = ['bare', 'fastify', 'haltwatch'] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

export interface ListeningServer {
  port: number;
  close(): Promise<void>;
}

/** Starts one of the compared servers on a free loopback port. */
export async function listen(role: ServerRole, dataDir: string): Promise<ListeningServer> {
  if (role === 'bare') {
    const server = http.createServer((_request, response) => {
      response
        .writeHead(200, { 'content-type': 'application/json', 'content-length': CONSTANT_BYTES })
        .end(CONSTANT);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      port: (server.address() as { port: number }).port,
      close: () => new Promise((resolve) => server.close(() => resolve())),
    };
  }
  if (role === 'fastify') {
    const app = Fastify({ logger: false });
    app.get('/v1/gate', (_request, reply) => {
      void reply.type('application/json').send(CONSTANT);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: (app.server.address() as { port: number }).port, close: () => app.close() };
  }
  const { openHaltwatch } = await import('../electron/core/haltwatch.ts');
  const haltwatch = openHaltwatch({ dataDir, log: () => {} });
  const server = await haltwatch.serve({ port: 0, token: { token: TOKEN, source: 'option' } });
  return {
    port: server.port,
    async close() {
      await server.close();
      haltwatch.close();
    },
  };
}

/**
 * One keep-alive connection speaking just enough HTTP/1.1 to time one request at a time: much
 * cheaper than http.request, so the numbers measure the servers rather than the load generator.
 */
export class Connection {
  private readonly socket: net.Socket;
  private buffer = Buffer.alloc(0);
  private waiting: ((status: number) => void) | null = null;

  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const head = this.buffer.subarray(0, headerEnd).toString('latin1');
      const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (this.buffer.length < headerEnd + 4 + length) return;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      const done = this.waiting;
      this.waiting = null;
      // A response that is not HTTP/1.1 with a length (chunked, or out of step) counts as a failure.
      const status =
        head.startsWith('HTTP/1.1 ') && !/transfer-encoding:/i.test(head) ? Number(head.slice(9, 12)) : 0;
      done?.(status);
    });
  }

  send(method: 'GET' | 'POST', url: string, body?: string): Promise<{ status: number; ms: number }> {
    const started = performance.now();
    const extra =
      body === undefined
        ? ''
        : `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`;
    return new Promise((resolve) => {
      this.waiting = (status) => resolve({ status, ms: performance.now() - started });
      this.socket.write(
        `${method} ${url} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${TOKEN}\r\n${extra}\r\n${body ?? ''}`,
      );
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

export const isSuccess = (status: number) => status >= 200 && status < 300;

/** CONCURRENCY keep-alive connections, each sending its next request when the last one answered. */
export async function closedLoop(
  port: number,
  count: number,
  send: (connection: Connection) => Promise<{ status: number; ms: number }>,
) {
  const connections = Array.from({ length: CONCURRENCY }, () => new Connection(port));
  let left = count;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    connections.map(async (connection) => {
      while (left-- > 0) if (!isSuccess((await send(connection)).status)) failures += 1;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const connection of connections) connection.close();
  return { perSecond: count / seconds, failures };
}
