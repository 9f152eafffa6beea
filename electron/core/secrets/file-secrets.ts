import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { secretName } from '../../../shared/services.ts';
import type { SecretResolver } from './resolver.ts';

const secretsFileSchema = z.record(secretName, z.string());

export class SecretsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretsFileError';
  }
}

/**
 * Headless mode: `{ "NAME": "value" }` in a file only its owner can read. Errors never quote the
 * file's content, since it is the secrets themselves.
 */
export function fileSecrets(path: string, platform: NodeJS.Platform = process.platform): SecretResolver {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (err) {
    throw new SecretsFileError(
      `cannot read secrets file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  // Windows has no POSIX modes; its ACLs are the user's business.
  if (platform !== 'win32' && (mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(4, '0');
    throw new SecretsFileError(
      `secrets file ${path} has mode ${octal}: it must be readable by its owner only (chmod 600 ${path})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new SecretsFileError(`secrets file ${path} is not valid JSON (expected {"NAME": "value", …})`);
  }
  const parsed = secretsFileSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(file)').join(', ');
    throw new SecretsFileError(
      `secrets file ${path} must be an object of "NAME": "value" strings; check ${where}`,
    );
  }
  const values = new Map(Object.entries(parsed.data));
  return { get: (name) => values.get(name), names: () => [...values.keys()] };
}
