import { InvalidArgumentError } from 'commander';
import { defaultDataDir } from '../core/paths.ts';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new InvalidArgumentError(`a port is 0–65535, got "${value}"`);
  return port;
}

export interface DataOptions {
  dataDir?: string;
  config?: string;
}

export function dataDirFrom(options: DataOptions, env: Record<string, string | undefined>): string {
  return options.dataDir ?? defaultDataDir(env);
}
