import path from 'node:path';
import type { ConfigProblem } from '../../../shared/status.ts';
import { chainSecrets, envSecrets, type SecretResolver } from '../secrets/index.ts';
import { fileVault } from '../secrets/file-vault.ts';
import type { SecretVault } from '../secrets/vault.ts';
import { errorMessage } from '../../../shared/errors.ts';

export const SECRETS_FILE = 'secrets.json';

export interface HeadlessSecrets {
  resolver: SecretResolver;
  /** Where the UI saves secrets; null when the secrets file cannot be used (see problem). */
  vault: SecretVault | null;
  problem: ConfigProblem | null;
}

/**
 * Secrets without Electron: HALTWATCH_SECRET_<NAME> variables first, then a JSON file only its
 * owner can read (HALTWATCH_SECRETS_FILE, else secrets.json in the data folder).
 */
export function headlessSecrets(dataDir: string, env: Record<string, string | undefined>): HeadlessSecrets {
  const fromEnv = envSecrets(env);
  const file = env.HALTWATCH_SECRETS_FILE ?? path.join(dataDir, SECRETS_FILE);
  try {
    const vault = fileVault(file);
    return { resolver: chainSecrets(fromEnv, vault), vault, problem: null };
  } catch (error) {
    const message = errorMessage(error);
    return { resolver: fromEnv, vault: null, problem: { file, message, issues: [], keptAt: null } };
  }
}

/** The desktop app's keychain vault comes first; the environment still works as a fallback. */
export function vaultSecrets(vault: SecretVault, env: Record<string, string | undefined>): HeadlessSecrets {
  return { resolver: chainSecrets(vault, envSecrets(env)), vault, problem: null };
}
