import fs from 'node:fs';
import { writeJsonFileAtomic } from '../config/json-file.ts';
import { fileSecrets } from './file-secrets.ts';
import { staticSecrets, type SecretResolver } from './resolver.ts';
import type { SecretVault } from './vault.ts';

/**
 * Headless secrets entered through the UI: `{ "NAME": "value" }` in a file only its owner can read,
 * replaced whole through a rename so a crash never leaves half a file. Reading it refuses a file
 * others can read, like `fileSecrets`.
 */
export function fileVault(file: string): SecretVault {
  let current: SecretResolver = fs.existsSync(file) ? fileSecrets(file) : staticSecrets({});
  const write = (values: Record<string, string>) => {
    writeJsonFileAtomic(file, values);
    fs.chmodSync(file, 0o600);
    current = fileSecrets(file);
  };
  const entries = () => Object.fromEntries(current.names().map((n) => [n, current.get(n) ?? '']));
  return {
    location: `${file} (readable by its owner only)`,
    get: (name) => current.get(name),
    names: () => current.names(),
    async set(name, value) {
      write({ ...entries(), [name]: value });
    },
    async delete(name) {
      const values = entries();
      if (!(name in values)) return false;
      delete values[name];
      write(values);
      return true;
    },
  };
}
