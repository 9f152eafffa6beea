import type { SecretResolver } from './resolver.ts';

export const SECRET_ENV_PREFIX = 'HALTWATCH_SECRET_';

/** Headless mode: secret `broker_key` is read from `HALTWATCH_SECRET_BROKER_KEY`. */
export function envSecrets(env: Record<string, string | undefined>): SecretResolver {
  return {
    get: (name) => {
      const value = env[SECRET_ENV_PREFIX + name.toUpperCase()];
      return value === '' ? undefined : value;
    },
    names: () =>
      Object.keys(env)
        .filter(
          (key) => key.startsWith(SECRET_ENV_PREFIX) && key.length > SECRET_ENV_PREFIX.length && env[key],
        )
        .map((key) => key.slice(SECRET_ENV_PREFIX.length)),
  };
}
