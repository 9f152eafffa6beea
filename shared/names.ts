import { z } from 'zod';

/** A name a person gives a service, a heartbeat or a scheduled check: short, and safe in a URL path. */
export const nameSchema = z
  .string({ error: 'a name is required' })
  .trim()
  .min(1, 'a name is required')
  .max(64, 'at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, 'letters, digits, space, "_", "." and "-" only');
