import { LLM_DEFAULT_BASE_URL, serviceSchema, type ServiceConfig } from '../../../shared/services.ts';
import { describeIssues, fieldIssues, issuePath } from '../../../shared/validation.ts';
import { UserError } from '../../../shared/errors.ts';

/** One `{ "secret": NAME }` in a service: where it sits (`headers.Authorization`) and the name. */
export interface SecretUse {
  path: (string | number)[];
  secret: string;
}

/**
 * Where a service sends its secrets: the host (and port) of its URL, or `command` for a command's
 * environment. null for kinds that take no secret.
 */
export function secretTarget(service: ServiceConfig): string | null {
  switch (service.kind) {
    case 'http':
      return hostOf(service.url);
    case 'llm':
      return hostOf(service.baseUrl ?? LLM_DEFAULT_BASE_URL[service.provider]);
    case 'redis':
      return hostOf(service.url);
    case 'postgres':
      return service.connectionString
        ? hostOf(service.connectionString)
        : `${service.host ?? 'localhost'}:${service.port ?? 5432}`.toLowerCase();
    case 'command':
      return 'command';
    default:
      return null;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

/** Every secret reference in a service (or a notification channel), wherever it sits. */
export function secretUses(service: unknown): SecretUse[] {
  const uses: SecretUse[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value !== 'object' || value === null) return;
    const secret = (value as { secret?: unknown }).secret;
    if (typeof secret === 'string' && Object.keys(value).length === 1) {
      uses.push({ path, secret });
      return;
    }
    for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
  };
  walk(service, []);
  return uses;
}

/**
 * Which secrets may go where: each secret to the targets of the saved services that use it. A
 * secret no saved service uses yet is free, and so is one whose value was entered again since.
 */
export class SecretBindings {
  /** Secrets whose value was entered since the services were saved: their next save binds them. */
  private readonly reentered = new Set<string>();

  private readonly saved: () => readonly ServiceConfig[];

  constructor(saved: () => readonly ServiceConfig[]) {
    this.saved = saved;
  }

  /** The value was typed in again: the person who knows it chooses anew where it goes. */
  reenter(secret: string): void {
    this.reentered.add(secret);
  }

  /** After a save: the saved services now say where each secret goes. */
  settle(service: ServiceConfig): void {
    for (const use of secretUses(service)) this.reentered.delete(use.secret);
  }

  /** The references in `service` that would send a secret to a target it was not saved with. */
  strays(service: ServiceConfig): SecretUse[] {
    const target = secretTarget(service);
    const bound = new Map<string, Set<string | null>>();
    for (const saved of this.saved()) {
      for (const use of secretUses(saved)) {
        const targets = bound.get(use.secret) ?? new Set();
        targets.add(secretTarget(saved));
        bound.set(use.secret, targets);
      }
    }
    return secretUses(service).filter((use) => {
      if (this.reentered.has(use.secret)) return false;
      const targets = bound.get(use.secret);
      return targets !== undefined && !targets.has(target);
    });
  }
}

/** What the user is told about references dropped from a service that moved to another host. */
export function strayMessage(service: ServiceConfig, strays: SecretUse[]): string {
  const names = strays.map((use) => `${issuePath(use.path)} (secret ${use.secret})`).join(', ');
  return (
    `${names}: not sent to ${secretTarget(service) ?? 'this service'}, which is not the host ` +
    'the secret was saved with; enter the secret’s value again under Secrets to use it there'
  );
}

/**
 * The service without the stray references. A reference the kind cannot do without (an LLM's
 * apiKey) cannot be dropped: that is refused with the same words.
 */
export function withoutStrays(service: ServiceConfig, strays: SecretUse[]): ServiceConfig {
  const copy = structuredClone(service) as Record<string, unknown>;
  for (const use of strays) {
    const parent = use.path
      .slice(0, -1)
      .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], copy);
    delete (parent as Record<string | number, unknown>)[use.path[use.path.length - 1]!];
  }
  const parsed = serviceSchema.safeParse(copy);
  if (!parsed.success)
    throw new UserError(`${strayMessage(service, strays)} (${describeIssues(fieldIssues(parsed.error))})`);
  return parsed.data;
}
