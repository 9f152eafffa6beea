/**
 * Bot API bench: gate latency and throughput against a bare node:http server returning a constant,
 * both with keep-alive and measured in the same run, and report ingestion with a count check.
 * Each server runs in its own worker thread so the load generator does not share its event loop.
 */
import Database from 'better-sqlite3';
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const TOKEN = 'bench-token-0123456789abcdef';
const CONCURRENCY = 16;
const THROUGHPUT_REQUESTS = 15_000;
const PACED_RATE = 1000;
const PACED_SECONDS = 3;
const ROUNDS = 3;
const REPORT_BATCH = 500;
const REPORT_BATCHES = 60;
const SMALL_BATCH_REQUESTS = 1000;
const GATE_PATH = '/v1/gate?action=open&symbol=AAPL&confidence=0.8&quantity=10';
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

interface ServerRole {
  role: 'bare' | 'haltwatch';
  dataDir: string;
}

async function serveInWorker({ role, dataDir }: ServerRole): Promise<void> {
  const port = parentPort;
  if (!port) return;
  let close: () => Promise<void>;
  let listening: number;
  if (role === 'bare') {
    const server = http.createServer((_request, response) => {
      response
        .writeHead(200, { 'content-type': 'application/json', 'content-length': CONSTANT_BYTES })
        .end(CONSTANT);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    listening = (server.address() as { port: number }).port;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  } else {
    const { Monitor } = await import('../electron/core/monitor.ts');
    const { startLocalServer } = await import('../electron/core/api/local-server.ts');
    const monitor = new Monitor({ dataDir, log: () => {} });
    const server = await startLocalServer({
      monitor,
      dataDir,
      port: 0,
      token: { token: TOKEN, source: 'option' },
      log: () => {},
    });
    listening = server.port;
    close = async () => {
      await server.close();
      monitor.close();
    };
  }
  port.on('message', (message) => {
    if (message === 'close') void close().then(() => port.postMessage('closed'));
  });
  port.postMessage({ port: listening });
}

if (!isMainThread && (workerData as ServerRole | undefined)?.role)
  await serveInWorker(workerData as ServerRole);

async function startServer(role: ServerRole['role'], dataDir: string) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { role, dataDir } satisfies ServerRole });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
  });
  return {
    port,
    async stop() {
      const closed = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}

/**
 * One keep-alive connection speaking just enough HTTP/1.1 to time one request at a time: much
 * cheaper than http.request, so the numbers measure the servers rather than the load generator.
 */
class Connection {
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

const isSuccess = (status: number) => status >= 200 && status < 300;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** CONCURRENCY keep-alive connections, each sending its next request when the last one answered. */
async function closedLoop(
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

/** Requests started at a fixed rate whatever the answers (open loop), so queueing shows in p99. */
async function paced(port: number, rate: number, seconds: number) {
  const idle = Array.from({ length: 8 }, () => new Connection(port));
  const all = [...idle];
  const total = rate * seconds;
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; sent < due; sent++) {
      let connection = idle.pop();
      if (!connection) all.push((connection = new Connection(port)));
      const used = connection;
      pending.push(
        used.send('GET', GATE_PATH).then((r) => {
          latencies.push(r.ms);
          idle.push(used);
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  for (const connection of all) connection.close();
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function reportBatch(size: number, offset: number): string {
  return JSON.stringify({
    reports: Array.from({ length: size }, (_, i) =>
      (offset + i) % 2 === 0
        ? { type: 'order_success', symbol: 'AAPL', orderId: `o${offset + i}` }
        : { type: 'latency', service: 'broker', ms: 20 },
    ),
  });
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-bench-bot-api-'));
  try {
    // Both servers up at once and measured in alternating rounds, best round of each kept, so a
    // busy machine (other processes on 2 cores) skews both sides alike.
    const bare = await startServer('bare', dataDir);
    const haltwatch = await startServer('haltwatch', dataDir);
    const gate = (c: Connection) => c.send('GET', GATE_PATH);
    await closedLoop(bare.port, 2000, gate); // warm-up
    await closedLoop(haltwatch.port, 2000, gate);
    const best = { bare: 0, haltwatch: 0, failures: 0 };
    const pacedRounds: {
      bare: Awaited<ReturnType<typeof paced>>[];
      haltwatch: Awaited<ReturnType<typeof paced>>[];
    } = {
      bare: [],
      haltwatch: [],
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, server] of [
        ['bare', bare],
        ['haltwatch', haltwatch],
      ] as const) {
        const measured = await closedLoop(server.port, THROUGHPUT_REQUESTS / ROUNDS, gate);
        best[name] = Math.max(best[name], measured.perSecond);
        best.failures += measured.failures;
        pacedRounds[name].push(await paced(server.port, PACED_RATE, PACED_SECONDS / ROUNDS));
      }
    }
    await bare.stop();
    const byP99 = (a: { p99: number }, b: { p99: number }) => a.p99 - b.p99;
    const barePaced = pacedRounds.bare.sort(byP99)[0] ?? { p50: NaN, p99: NaN };
    const gatePaced = pacedRounds.haltwatch.sort(byP99)[0] ?? { p50: NaN, p99: NaN };
    const bareThroughput = { perSecond: best.bare };
    const gateThroughput = { perSecond: best.haltwatch };

    const bodies = Array.from({ length: REPORT_BATCHES }, (_, i) =>
      reportBatch(REPORT_BATCH, i * REPORT_BATCH),
    );
    let next = 0;
    const batched = await closedLoop(haltwatch.port, REPORT_BATCHES, (c) =>
      c.send('POST', '/v1/reports', bodies[next++]),
    );
    const single = reportBatch(1, 0);
    const oneByOne = await closedLoop(haltwatch.port, SMALL_BATCH_REQUESTS, (c) =>
      c.send('POST', '/v1/reports', single),
    );
    await haltwatch.stop();

    const sent = REPORT_BATCHES * REPORT_BATCH + SMALL_BATCH_REQUESTS;
    const db = new Database(path.join(dataDir, 'haltwatch.db'), { readonly: true });
    const stored = (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
    db.close();

    const ratio = gateThroughput.perSecond / bareThroughput.perSecond;
    console.log(
      `gate, ${CONCURRENCY} keep-alive connections, ${fmt(THROUGHPUT_REQUESTS)} requests per server:`,
    );
    console.log(`  bare node:http constant  ${fmt(bareThroughput.perSecond)} req/s`);
    console.log(
      `  haltwatch GET /v1/gate   ${fmt(gateThroughput.perSecond)} req/s   ratio ${fmt(ratio, 2)} (target ≥ 0.70) ${ratio >= 0.7 ? 'OK' : 'MISSED'}`,
    );
    console.log(`  best of ${ROUNDS} alternating rounds; failed requests: ${best.failures}`);
    console.log(
      `gate latency at ${PACED_RATE} req/s, ${ROUNDS} rounds of ${PACED_SECONDS / ROUNDS} s (open loop), best round:`,
    );
    console.log(`  bare      p50 ${fmt(barePaced.p50, 3)} ms  p99 ${fmt(barePaced.p99, 3)} ms`);
    console.log(
      `  haltwatch p50 ${fmt(gatePaced.p50, 3)} ms  p99 ${fmt(gatePaced.p99, 3)} ms (target < 2 ms) ${gatePaced.p99 < 2 ? 'OK' : 'MISSED'}`,
    );
    const batchedRate = batched.perSecond * REPORT_BATCH;
    console.log(`report ingestion (POST /v1/reports):`);
    console.log(
      `  batches of ${REPORT_BATCH}: ${fmt(batchedRate)} reports/s (target ≥ 10 000) ${batchedRate >= 10_000 ? 'OK' : 'MISSED'}`,
    );
    console.log(
      `  one report per request: ${fmt(oneByOne.perSecond)} reports/s (per request: one transaction; the engine-state save is deferred, at most one per 250 ms)`,
    );
    console.log(
      `  sent ${fmt(sent)}, stored ${fmt(stored)} ${stored === sent && batched.failures + oneByOne.failures === 0 ? 'OK (no loss)' : 'MISMATCH'}`,
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
