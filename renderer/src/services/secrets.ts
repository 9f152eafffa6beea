import type { ServiceConfig } from '../../../shared/services.ts';

export const MASK = '••••••';

/** Contract methods whose queries show secrets or what uses them; refetched after a change. */
export const SECRET_QUERIES = ['secrets.list'] as const;

/** `{ "secret": "NAME" }` → "NAME"; anything else, or a reference without a name yet → null. */
export function secretRefName(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || !('secret' in value)) return null;
  return typeof value.secret === 'string' && value.secret !== '' ? value.secret : null;
}

export function isSecretRef(value: unknown): value is { secret: string } {
  return value !== null && typeof value === 'object' && 'secret' in value;
}

/** Names of the services whose configuration references each secret, walking every nested field. */
export function secretUsers(services: readonly ServiceConfig[]): Map<string, string[]> {
  const users = new Map<string, string[]>();
  const visit = (value: unknown, service: string): void => {
    const name = secretRefName(value);
    if (name !== null) {
      const list = users.get(name) ?? [];
      if (!list.includes(service)) list.push(service);
      users.set(name, list);
      return;
    }
    if (value !== null && typeof value === 'object') for (const v of Object.values(value)) visit(v, service);
  };
  for (const s of services) visit(s, s.name);
  return users;
}
