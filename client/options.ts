import { API_TOKEN_PATTERN } from '../shared/contract/api.ts';

/** What `createHaltwatchClient` takes. */
export interface HaltwatchClientOptions {
  /** e.g. http://127.0.0.1:17321 */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Per request; default 2000 ms. A gate question that takes longer is treated as an error. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 2000;
const MAX_TIMEOUT_MS = 600_000;

/**
 * The options with their defaults, or a TypeError naming the field and its value. A bot should fail
 * at start-up on a typo, not at its first order (where `mayTrade` would read the error as "no").
 * The token's value is never shown, only its length.
 */
export function checkedOptions(options: HaltwatchClientOptions): Required<HaltwatchClientOptions> {
  const { baseUrl, token, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const url = typeof baseUrl === 'string' && URL.canParse(baseUrl) ? new URL(baseUrl) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash)
    throw new TypeError(
      `baseUrl: an http(s) URL without query or fragment, such as http://127.0.0.1:17321; got ${JSON.stringify(baseUrl)}`,
    );
  if (typeof token !== 'string' || !API_TOKEN_PATTERN.test(token))
    throw new TypeError(
      `token: the API token, 16 to 512 printable characters without spaces; got ${
        typeof token === 'string' ? `a string of length ${token.length}` : typeof token
      }`,
    );
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isFinite(timeoutMs) ||
    timeoutMs <= 0 ||
    timeoutMs > MAX_TIMEOUT_MS
  )
    throw new TypeError(`timeoutMs: more than 0 and at most ${MAX_TIMEOUT_MS}; got ${String(timeoutMs)}`);
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw new TypeError(`fetch: a fetch function; got ${typeof options.fetch}`);
  return { baseUrl: baseUrl.replace(/\/+$/, ''), token, timeoutMs, fetch: options.fetch ?? fetch };
}
