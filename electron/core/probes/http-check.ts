import http from 'node:http';
import type { Socket } from 'node:net';
import { readFile } from 'node:fs/promises';
import tls from 'node:tls';
import { connectTcp, connectTls, socketHost, type PeerCertificateFacts } from './connect.ts';
import { healthy, unhealthy, type Details, type ProbeEnv, type Verdict } from './context.ts';
import { onAbort } from './deadline.ts';
import { tlsReason } from './errors.ts';
import { readJsonPath } from './json-path.ts';
import type { Redactor } from '../secrets/redact.ts';

/** Enough for any health endpoint; a bigger body is cut, not buffered. */
export const MAX_BODY_BYTES = 1_048_576;
/** A certificate this close to expiry is mentioned in a healthy result. */
export const CERT_WARNING_DAYS = 14;
const SNIPPET_CHARS = 200;

export interface HttpCheckSpec {
  url: URL;
  method: 'GET' | 'HEAD' | 'POST';
  headers: Record<string, string>;
  body?: string;
  expectStatus: string[];
  bodyContains?: string;
  jsonPath?: string;
  /** Checked only when `jsonPath` is set; `undefined` means the path only has to exist. */
  jsonEquals?: string | number | boolean | null;
  caFile?: string;
}

interface HttpResponse {
  status: number;
  statusText: string;
  body: string;
  truncated: boolean;
}

/** Where reasons point: no query string, which may carry keys and only adds noise. */
export const displayUrl = (url: URL) => `${url.origin}${url.pathname}`;

export function statusMatches(status: number, ranges: readonly string[]): boolean {
  return ranges.some((range) => {
    const [lo, hi = lo] = range.split('-').map(Number);
    return lo !== undefined && hi !== undefined && status >= lo && status <= hi;
  });
}

async function openSocket(
  spec: HttpCheckSpec,
  env: ProbeEnv,
): Promise<{ socket: Socket; cert?: PeerCertificateFacts } | Verdict> {
  const host = socketHost(spec.url.hostname);
  if (spec.url.protocol === 'http:')
    return { socket: await connectTcp(host, Number(spec.url.port || 80), env.signal) };
  const ca = spec.caFile ? [...tls.rootCertificates, await readFile(spec.caFile, 'utf8')] : undefined;
  const connection = await connectTls({ host, port: Number(spec.url.port || 443), ca }, env.signal, env.at);
  const details: Details = connection.cert ? { certDaysLeft: connection.cert.daysLeft } : {};
  if (!connection.authorized) {
    const expiredAgo =
      connection.code === 'CERT_HAS_EXPIRED' && connection.cert
        ? `, expired ${-connection.cert.daysLeft} days ago`
        : '';
    return unhealthy(`${tlsReason(connection.code)} (${displayUrl(spec.url)}${expiredAgo})`, details);
  }
  return { socket: connection.socket, cert: connection.cert };
}

function request(spec: HttpCheckSpec, socket: Socket, signal: AbortSignal): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      method: spec.method,
      hostname: spec.url.hostname,
      port: spec.url.port,
      path: `${spec.url.pathname}${spec.url.search}`,
      headers: { 'user-agent': 'haltwatch-probe', ...spec.headers },
      createConnection: () => socket,
      signal,
    });
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = () =>
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
          truncated,
        });
      res.on('data', (chunk: Buffer) => {
        if (truncated) return;
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          truncated = true;
          chunks.push(chunk.subarray(0, chunk.length - (size - MAX_BODY_BYTES)));
          finish();
          res.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.once('end', finish);
      res.once('error', reject);
    });
    req.end(spec.body);
  });
}

/** Text from the response is redacted before it is cut, so a secret at the cut leaves nothing. */
function judge(spec: HttpCheckSpec, res: HttpResponse, details: Details, redact: Redactor): Verdict {
  const where = displayUrl(spec.url);
  const status = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  details.status = res.status;
  if (!statusMatches(res.status, spec.expectStatus)) {
    const snippet = redact(res.body).trim().slice(0, SNIPPET_CHARS);
    if (snippet) details.body = snippet;
    return unhealthy(`${status} from ${where} (expected ${spec.expectStatus.join(', ')})`, details);
  }
  if (spec.bodyContains !== undefined && !res.body.includes(spec.bodyContains))
    return unhealthy(`response from ${where} does not contain "${spec.bodyContains}"`, details);
  if (spec.jsonPath !== undefined) {
    if (res.truncated)
      return unhealthy(`response from ${where} is larger than ${MAX_BODY_BYTES} bytes`, details);
    let json: unknown;
    try {
      json = JSON.parse(res.body);
    } catch {
      return unhealthy(`response is not valid JSON (${where})`, details);
    }
    const found = readJsonPath(json, spec.jsonPath);
    if (!found.found) return unhealthy(`${spec.jsonPath} is missing in the response from ${where}`, details);
    if (spec.jsonEquals !== undefined && found.value !== spec.jsonEquals)
      return unhealthy(
        `${spec.jsonPath} is ${redact(JSON.stringify(found.value) ?? 'undefined').slice(0, 80)}, expected ${JSON.stringify(spec.jsonEquals)} (${where})`,
        details,
      );
  }
  return healthy(`${status} from ${where}`, details);
}

/** One HTTP(S) request judged by status, body and JSON; the socket never outlives the probe. */
export async function httpCheck(spec: HttpCheckSpec, env: ProbeEnv): Promise<Verdict> {
  const opened = await openSocket(spec, env);
  if (!('socket' in opened)) return opened;
  const { socket, cert } = opened;
  const stopAbort = onAbort(env.signal, () => socket.destroy());
  try {
    const res = await request(spec, socket, env.signal);
    const details: Details = cert ? { certDaysLeft: cert.daysLeft } : {};
    const verdict = judge(spec, res, details, env.redact);
    if (verdict.ok && cert && cert.daysLeft <= CERT_WARNING_DAYS)
      return healthy(`${verdict.reason}; certificate expires in ${cert.daysLeft} days`, verdict.details);
    return verdict;
  } finally {
    stopAbort();
    socket.destroy();
  }
}
