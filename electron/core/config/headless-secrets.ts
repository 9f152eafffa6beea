import fs from 'node:fs';
import path from 'node:path';
import type { ConfigProblem } from '../../../shared/status.ts';
import { chainSecrets, envSecrets, fileSecrets, type SecretResolver } from '../secrets/index.ts';

export const SECRETS_FILE = 'secrets.json';

export interface HeadlessSecrets {
  resolver: SecretResolver;
  problem: ConfigProblem | null;
}

/**
 * Secrets without Electron: HALTWATCH_SECRET_<NAME> variables first, then a JSON file only its
 * owner can read (HALTWATCH_SECRETS_FILE, else secrets.json in the data folder, when present).
 */
export function headlessSecrets(dataDir: string, env: Record<string, string | undefined>): HeadlessSecrets {
  const fromEnv = envSecrets(env);
  const file = env.HALTWATCH_SECRETS_FILE ?? path.join(dataDir, SECRETS_FILE);
  if (!env.HALTWATCH_SECRETS_FILE && !fs.existsSync(file)) return { resolver: fromEnv, problem: null };
  try {
    return { resolver: chainSecrets(fromEnv, fileSecrets(file)), problem: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { resolver: fromEnv, problem: { file, message, issues: [], keptAt: null } };
  }
}
