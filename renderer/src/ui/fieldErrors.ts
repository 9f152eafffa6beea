import type { z } from 'zod';
import { issuePath } from '../../../shared/validation.ts';

/** The first message per field path (`entries[0].name`) of a failed parse; empty when it passed. */
export function fieldErrors<T>(schema: z.ZodType<T>, value: unknown): Map<string, string> {
  const parsed = schema.safeParse(value);
  const errors = new Map<string, string>();
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = issuePath(issue.path);
      if (!errors.has(key)) errors.set(key, issue.message);
    }
  return errors;
}
