import type { TextOrSecret } from '../../../shared/services.ts';
import { requireSecret, type SecretResolver } from './resolver.ts';

export function resolveText(value: TextOrSecret, secrets: SecretResolver): string {
  return typeof value === 'string' ? value : requireSecret(secrets, value.secret);
}

/** Headers, query parameters, environment: literal values kept, `{secret}` references filled in. */
export function resolveRecord(
  record: Record<string, TextOrSecret>,
  secrets: SecretResolver,
): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, resolveText(value, secrets)]));
}
