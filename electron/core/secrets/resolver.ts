/**
 * Where probes get credentials. Values never leave through results, logs or errors: everything a
 * probe reports passes through `redact` with the same resolver.
 */
export interface SecretResolver {
  get(name: string): string | undefined;
  /** Names that currently have a value (for redaction and the settings screen); never values. */
  names(): string[];
}

/** The first resolver that knows a name wins, e.g. the app store before the environment. */
export function chainSecrets(...resolvers: SecretResolver[]): SecretResolver {
  return {
    get: (name) => {
      for (const resolver of resolvers) {
        const value = resolver.get(name);
        if (value !== undefined) return value;
      }
      return undefined;
    },
    names: () => [...new Set(resolvers.flatMap((r) => r.names()))],
  };
}

/** For tests and for the CLI when no secrets are configured. */
export function staticSecrets(values: Record<string, string>): SecretResolver {
  const map = new Map(Object.entries(values));
  return { get: (name) => map.get(name), names: () => [...map.keys()] };
}

/** A referenced secret with no value: the message names it and where it could come from. */
export class MissingSecretError extends Error {
  readonly secretName: string;
  constructor(name: string) {
    super(`secret "${name}" is not set (add it in Settings, or set HALTWATCH_SECRET_${name.toUpperCase()})`);
    this.name = 'MissingSecretError';
    this.secretName = name;
  }
}

export function requireSecret(secrets: SecretResolver, name: string): string {
  const value = secrets.get(name);
  if (value === undefined || value === '') throw new MissingSecretError(name);
  return value;
}
