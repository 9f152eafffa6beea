import { DEFAULT_CHANNEL_TIMEOUT_MS, type ChannelContext } from './channel.ts';
import { errorMessage } from '../../../../shared/errors.ts';

export interface ProviderRequest {
  url: string;
  /** JSON bodies are serialized here; a URLSearchParams body is sent as a form. */
  body: unknown;
  headers?: Record<string, string>;
}

/** A provider's answer is shown to the user; a whole HTML error page is not useful there. */
const MAX_ANSWER = 500;

/** What the provider said (or why it could not be reached); the message is shown as is. */
export class ProviderError extends Error {
  override name = 'ProviderError';
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_ANSWER ? `${flat.slice(0, MAX_ANSWER)}…` : flat;
}

/**
 * The one HTTP call every HTTPS provider uses: a POST that must answer within the timeout, never
 * followed through a redirect (a redirect would carry credentials elsewhere). Resolves with the
 * status and the whole answer; rejects with a ProviderError saying why no answer came. The URL is
 * never part of a message: several providers keep their token in it.
 */
export async function requestProvider(
  request: ProviderRequest,
  context: Pick<ChannelContext, 'clock' | 'timeoutMs' | 'fetch' | 'signal'>,
): Promise<{ status: number; ok: boolean; text: string }> {
  const timeoutMs = context.timeoutMs ?? DEFAULT_CHANNEL_TIMEOUT_MS;
  const form = request.body instanceof URLSearchParams ? request.body : null;
  const abort = new AbortController();
  const timer = context.clock.setTimer(
    () => abort.abort(new ProviderError(`no answer within ${timeoutMs} ms`)),
    timeoutMs,
  );
  const stop = () => abort.abort(new ProviderError('stopped'));
  context.signal?.addEventListener('abort', stop);
  try {
    const response = await (context.fetch ?? fetch)(request.url, {
      method: 'POST',
      headers: {
        'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
        'user-agent': 'Haltwatch',
        ...request.headers,
      },
      body: form ? form.toString() : JSON.stringify(request.body),
      signal: abort.signal,
      redirect: 'error',
    });
    return { status: response.status, ok: response.ok, text: await response.text() };
  } catch (error) {
    if (abort.signal.aborted) throw abort.signal.reason as Error;
    const cause = (error as { cause?: unknown }).cause;
    throw new ProviderError(
      `not reached: ${errorMessage(error)}${cause ? ` (${errorMessage(cause)})` : ''}`.replaceAll(
        request.url,
        '<url>',
      ),
    );
  } finally {
    timer.cancel();
    context.signal?.removeEventListener('abort', stop);
  }
}

/** A POST that must answer 2xx: resolves with "HTTP <status>: <answer>", rejects saying the same. */
export async function postToProvider(request: ProviderRequest, context: ChannelContext): Promise<string> {
  const response = await requestProvider(request, context);
  const text = excerpt(response.text);
  const answer = `HTTP ${response.status}${text ? `: ${text}` : ''}`;
  if (!response.ok) throw new ProviderError(answer);
  return answer;
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** `base` with `path` appended, keeping any path prefix a self-hosted base URL has. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
