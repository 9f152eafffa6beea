import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { API_TOKEN_PATTERN, type TokenSource } from '../../../shared/contract/api.ts';
import { OPERATOR_TOKEN_FILE, TOKEN_FILE } from '../paths.ts';

export interface ResolvedToken {
  token: string;
  source: TokenSource;
}

/** Where one of the two tokens comes from: its option, its variable and its file in the data folder. */
export interface TokenKind {
  option: string;
  env: string;
  file: string;
}

/** The bot's token: asks the gate, reports, beats, reads status and issues, turns the override on. */
export const BOT_TOKEN: TokenKind = { option: '--token', env: 'HALTWATCH_TOKEN', file: TOKEN_FILE };
/** The operator's token: the dashboard over HTTP and everything the bot token may not do. */
export const OPERATOR_TOKEN: TokenKind = {
  option: '--operator-token',
  env: 'HALTWATCH_OPERATOR_TOKEN',
  file: OPERATOR_TOKEN_FILE,
};

export function validateToken(token: string, where: string): string {
  if (!API_TOKEN_PATTERN.test(token)) {
    throw new Error(
      `${where}: the API token must be 16 to 512 printable characters without spaces (got ${token.length} characters)`,
    );
  }
  return token;
}

/** A token given on the command line or in the environment wins; else one kept in the data folder. */
export function resolveToken(
  dataDir: string,
  given?: { token: string; source: 'option' | 'env' },
  kind: TokenKind = BOT_TOKEN,
): ResolvedToken {
  if (given) {
    const where = given.source === 'option' ? kind.option : kind.env;
    return { token: validateToken(given.token, where), source: given.source };
  }
  const file = path.join(dataDir, kind.file);
  try {
    const kept = fs.readFileSync(file, 'utf8').trim();
    if (API_TOKEN_PATTERN.test(kept)) return { token: kept, source: 'file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { token: rotateToken(dataDir, kind), source: 'generated' };
}

/** Writes a new random token to the data folder (mode 0600) and returns it. */
export function rotateToken(dataDir: string, kind: TokenKind = BOT_TOKEN): string {
  const token = crypto.randomBytes(24).toString('base64url');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, kind.file);
  // Write then rename, so a crash never leaves a half-written token that locks the bot out.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${token}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
  return token;
}

/** The expected tokens encoded once (there are two, and each changes only on rotation). */
const encoded = new Map<string, Buffer>();
const MAX_ENCODED = 8;

function expectedBytes(token: string): Buffer {
  let bytes = encoded.get(token);
  if (bytes === undefined) {
    if (encoded.size >= MAX_ENCODED) encoded.clear();
    bytes = Buffer.from(token);
    encoded.set(token, bytes);
  }
  return bytes;
}

/**
 * Compares in constant time for tokens of the expected length; a token of another length is refused
 * after the same amount of work, so the time says only whether the length matched (as Go's
 * subtle.ConstantTimeCompare). Hashing both sides hid the length too, but cost more than the rest of
 * the gate's own work on every question.
 */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  // The expected token changes only on rotation: encode it once, not on every gate question.
  const wanted = expectedBytes(expected);
  const given = Buffer.byteLength(presented) === wanted.length ? Buffer.from(presented) : null;
  return crypto.timingSafeEqual(wanted, given ?? wanted) && given !== null;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const WHITESPACE = /\s/;

export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  // "Bearer <token>" as bots send it before every order: a prefix check, not the capturing expression.
  if (header.startsWith('Bearer ')) {
    const token = header.slice(7);
    if (token !== '' && !WHITESPACE.test(token)) return token;
  }
  return BEARER.exec(header)?.[1];
}

/** Enough to recognise a token on screen without revealing it. */
export function tokenPreview(token: string): string {
  return `${token.slice(0, 4)}…${token.slice(-4)}`;
}
