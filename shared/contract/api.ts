import { z } from 'zod';
import { method, noInput } from './define.ts';

/** An API token: printable ASCII without spaces, so it survives an Authorization header and a URL query. */
export const API_TOKEN_PATTERN = /^[\x21-\x7e]{16,512}$/;

/** Where a token came from: only a stored or generated one can be rotated from the app. */
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
  /** The operator's token (dashboard over HTTP, everything the bot token may not do); the caller is the operator. */
  operatorToken: string;
  operatorTokenPreview: string;
  operatorTokenSource: TokenSource;
  /** Whether command services and secrets may be changed over HTTP (serve --allow-remote-commands). */
  remoteCommands: boolean;
  metricsRequireToken: boolean;
}

/** The two tokens: the bot's (`token`) and the operator's. */
export const TOKEN_KINDS = ['bot', 'operator'] as const;
export type TokenKindName = (typeof TOKEN_KINDS)[number];

/** The local server for bots and scrapers: where it listens, its token, and checks started remotely. */
export const apiMethods = {
  /** Starts a check (or joins the one running) and answers with its id once it has begun. */
  'check.start': method<{ id: number }>()(noInput),
  'api.info': method<ApiInfo>()(noInput),
  /**
   * A new bot token (or operator token); the old one stops working at once. Refused when it comes
   * from the command line or the environment. Audited.
   */
  'api.rotateToken': method<ApiInfo>()(
    z
      .object({ token: z.enum(TOKEN_KINDS).default('bot') })
      .strict()
      .default({ token: 'bot' }),
  ),
};
