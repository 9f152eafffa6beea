import http from 'node:http';
import https from 'node:https';

/**
 * A `fetch` for libraries (yahoo-finance2) whose requests must die with the probe: one connection
 * per request, closed when the answer is read or the signal aborts. The global fetch pools its
 * connections, and an aborted request to a hanging server stays in the pool.
 */
export function oneShotFetch(rewrite: (url: URL) => URL = (url) => url): typeof fetch {
  return (input, init = {}) => {
    const original = new URL(input instanceof Request ? input.url : String(input));
    const url = rewrite(original);
    const signal = init.signal ?? undefined;
    const headers = new Headers(init.headers);
    headers.set('connection', 'close');
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(url, {
        method: init.method ?? 'GET',
        headers: Object.fromEntries(headers),
        agent: false,
        signal,
      });
      req.once('error', reject);
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('error', reject);
        res.once('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
              responseHeaders.append(name, one);
          }
          const status = res.statusCode ?? 502;
          const noBody = status === 204 || status === 304 || (status >= 100 && status < 200);
          resolve(
            new Response(noBody ? null : Buffer.concat(chunks), {
              status: status < 200 ? 200 : status,
              statusText: res.statusMessage ?? '',
              headers: responseHeaders,
            }),
          );
        });
      });
      req.end(typeof init.body === 'string' ? init.body : undefined);
    });
  };
}
