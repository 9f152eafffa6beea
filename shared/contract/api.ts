import { method, noInput } from './define.ts';

/** Where a token came from: only a stored or generated one can be rotated from the app. */
/** An API token: printable ASCII without spaces, so it survives an Authorization header and a URL query. */
export const API_TOKEN_PATTERN = /^[\x21-\x7e]{16,512}$/;

export const TOKEN_SOURCES = ['option', 'env', 'file', 'generated'] as const;
export type TokenSource = (typeof TOKEN_SOURCES)[number];

/** What the settings screen shows about the local server (bot API, /metrics, headless dashboard). */
export interface ApiInfo {
  url: string;
  host: string;
  port: number;
  /** The whole token, for the copy button; the caller is already authenticated. */
  token: string;
  /** First and last characters, for display. */
  tokenPreview: string;
  tokenSource: TokenSource;
  metricsRequireToken: boolean;
}

/** The local server for bots and scrapers: where it listens, its token, and checks started remotely. */
export const apiMethods = {
  /** Starts a check (or joins the one running) and answers with its id once it has begun. */
  'check.start': method<{ id: number }>()(noInput),
  'api.info': method<ApiInfo>()(noInput),
  /** A new token; the old one stops working at once. Refused when it comes from --token or the environment. */
  'api.rotateToken': method<ApiInfo>()(noInput),
};
