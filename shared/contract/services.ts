import { z } from 'zod';
import type { ProbeResult } from '../probe.ts';
import { serviceName, serviceSchema, type ServiceConfig, type ServiceFieldError } from '../services.ts';
import { method, noInput, reasonSchema } from './define.ts';

export type ServiceValidation = { ok: true } | { ok: false; errors: ServiceFieldError[] };

/** A saved service, and what was left out of it: secret references a moved service may not carry. */
export interface SavedService {
  service: ServiceConfig;
  /** Says which secret references were dropped and why; null when none were. */
  notice: string | null;
}

/** The services screen: what is watched, edited field by field and saved to the services file. */
export const servicesMethods = {
  /** As configured, disabled services included, in file order. */
  'services.list': method<ServiceConfig[]>()(noInput),
  /** For inline validation while the user types: one message per wrong field, paths relative to the service. */
  'services.validate': method<ServiceValidation>()(z.object({ service: z.unknown() }).strict()),
  /**
   * Adds a service, or replaces `previousName` (renaming it when the names differ). Written to the
   * services file, then applied live: unchanged breakers keep their state. A secret is only sent to
   * the host it was saved with: moved to another host, the service loses its secret references
   * (`notice` says which) until the secret's value is entered again.
   */
  'services.save': method<SavedService>()(
    z
      .object({
        service: serviceSchema,
        previousName: serviceName.optional(),
        reason: reasonSchema.default('service saved'),
      })
      .strict(),
  ),
  'services.delete': method<{ deleted: string }>()(
    z.object({ name: serviceName, reason: reasonSchema }).strict(),
  ),
  /** Runs the probe once; the result is not stored and does not move any breaker or the level. */
  'services.test': method<ProbeResult>()(z.object({ service: serviceSchema }).strict()),
};
