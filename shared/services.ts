import { z } from 'zod';
import { CRITICALITIES } from './levels.ts';

/**
 * The services file: what Haltwatch watches. Each kind of probe adds its own object to
 * `serviceSchema`; the fields every kind shares live in `serviceBase`.
 */
export const serviceName = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(64, 'at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, 'letters, digits, space, "_", "." and "-" only');

export const serviceBase = {
  name: serviceName,
  timeoutMs: z.number().int().min(50, 'at least 50 ms').max(120_000, 'at most 120000 ms').default(5000),
  criticality: z.enum(CRITICALITIES).default('important'),
  enabled: z.boolean().default(true),
};

export const httpServiceSchema = z
  .object({
    ...serviceBase,
    kind: z.literal('http'),
    url: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }),
  })
  .strict();

export const serviceSchema = z.discriminatedUnion('kind', [httpServiceSchema]);
export type ServiceConfig = z.infer<typeof serviceSchema>;
export type ServiceInput = z.input<typeof serviceSchema>;

export const servicesFileSchema = z
  .object({ services: z.array(serviceSchema) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.services.forEach((s, i) => {
      const key = s.name.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['services', i, 'name'],
          message: `duplicate service name "${s.name}"`,
        });
      seen.add(key);
    });
  });
export type ServicesFile = z.infer<typeof servicesFileSchema>;
