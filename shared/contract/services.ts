import { z } from 'zod';
import type { ProbeResult } from '../probe.ts';
import { serviceName, serviceSchema, type ServiceConfig, type ServiceFieldError } from '../services.ts';
import { method, noInput, reasonSchema } from './define.ts';

export type ServiceValidation = { ok: true } | { ok: false; errors: ServiceFieldError[] };

/** The services screen: what is watched, edited field by field and saved to the services file. */
export const servicesMethods = {
  /** As configured, disabled services included, in file order. */
  'services.list': method<ServiceConfig[]>()(noInput),
  /** For inline validation while the user types: one message per wrong field, paths relative to the service. */
  'services.validate': method<ServiceValidation>()(z.object({ service: z.unknown() }).strict()),
  /**
   * Adds a service, or replaces `previousName` (renaming it when the names differ). Written to the
   * services file, then applied live: unchanged breakers keep their state.
   */
  'services.save': method<ServiceConfig>()(
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
