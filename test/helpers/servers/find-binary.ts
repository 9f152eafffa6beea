import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Finds a server binary or fails loudly: CI installs these, so a missing one is a broken setup. */
export function findBinary(name: string, extraDirs: string[] = []): string {
  const dirs = [...extraDirs, ...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  throw new Error(
    `${name} not found (looked in ${dirs.join(', ')}). Install it: apt-get install redis-server postgresql-15 — these tests do not skip.`,
  );
}
