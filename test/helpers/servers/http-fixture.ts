import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';

/**
 * What the fixture does with the next requests:
 * - healthy: 200 `{"status":"ok"}`      - hang: accepts, never answers (any protocol)
 * - reset: TCP RST                      - close: closes the connection without answering
 * - invalidJson: 200 with broken JSON   - echo: 200 with the request's method, URL and headers
 * - { slowMs }: healthy after a delay   - { status, body? }: that status
 * - { json, status? }: that JSON        - { handle }: a custom handler
 */
export type FixtureMode =
  | 'healthy'
  | 'hang'
  | 'reset'
  | 'close'
  | 'invalidJson'
  | 'echo'
  | { slowMs: number }
  | { status: number; body?: string }
  | { json: unknown; status?: number }
  | { handle: http.RequestListener };

export interface HttpFixture {
  /** The health URL: `http://127.0.0.1:<port>/health`. */
  url: string;
  origin: string;
  port: number;
  setMode(mode: FixtureMode): void;
  /** Requests seen so far (method, URL, headers). */
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  /** Connections the server still holds open. */
  openConnections(): number;
  /** Resolves at the next accepted connection. */
  nextConnection(): Promise<void>;
  /** Closes every socket, then the server. */
  stop(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export async function startHttpFixture(
  options: { mode?: FixtureMode; tls?: { key: string; cert: string } } = {},
): Promise<HttpFixture> {
  let mode: FixtureMode = options.mode ?? 'healthy';
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const connectionWaiters: (() => void)[] = [];
  const requests: HttpFixture['requests'] = [];

  const handler: http.RequestListener = (req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const current = mode;
    if (current === 'healthy') return sendJson(res, 200, '{"status":"ok"}');
    if (current === 'hang') return;
    if (current === 'reset') return req.socket.resetAndDestroy();
    if (current === 'close') return req.socket.destroy();
    if (current === 'invalidJson') return sendJson(res, 200, '{"status": ok');
    if (current === 'echo')
      return sendJson(res, 200, JSON.stringify({ method: req.method, url: req.url, headers: req.headers }));
    if ('slowMs' in current) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        sendJson(res, 200, '{"status":"ok"}');
      }, current.slowMs);
      timers.add(timer);
      return;
    }
    if ('handle' in current) return current.handle(req, res);
    if ('json' in current) return sendJson(res, current.status ?? 200, JSON.stringify(current.json));
    res.writeHead(current.status, { 'content-type': 'text/plain' });
    res.end(current.body ?? `status ${current.status}`);
  };

  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    connectionWaiters.splice(0).forEach((wake) => wake());
  });
  // In hang mode, bytes that are not HTTP (a TLS hello, a postgres or redis handshake) hang too,
  // instead of Node's default "400 and close": the fixture doubles as a silent TCP server.
  server.on('clientError', (_err: Error, socket: net.Socket) => {
    if (mode !== 'hang') socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  // TLS handshakes the client aborts on purpose (an untrusted certificate) are not fixture errors.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    url: `${origin}/health`,
    origin,
    port,
    requests,
    setMode: (next) => {
      mode = next;
    },
    openConnections: () => sockets.size,
    nextConnection: () => new Promise((resolve) => connectionWaiters.push(resolve)),
    stop: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
