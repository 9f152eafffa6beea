import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TOKEN_FILE } from '../paths.ts';

/** A token given on the command line or in the environment wins; else one kept in the data folder. */
export function resolveToken(dataDir: string, given: string | undefined): string {
  if (given !== undefined) {
    if (given.length < 16)
      throw new Error(`the API token must be at least 16 characters (got ${given.length})`);
    return given;
  }
  const file = path.join(dataDir, TOKEN_FILE);
  try {
    const kept = fs.readFileSync(file, 'utf8').trim();
    if (kept.length >= 16) return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return rotateToken(dataDir);
}

export function rotateToken(dataDir: string): string {
  const token = crypto.randomBytes(24).toString('base64url');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, TOKEN_FILE), `${token}\n`, { mode: 0o600 });
  return token;
}

/** Compares in constant time: hashing first makes the lengths equal without leaking them. */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(presented).digest();
  return crypto.timingSafeEqual(a, b);
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
