import { z } from 'zod';
import { secretName } from '../services.ts';
import { method, noInput } from './define.ts';

/** Names only: a secret's value goes in once and never comes back out. */
export interface SecretsView {
  names: string[];
  /** Where a saved secret is kept, said to the user. */
  location: string | null;
  /** Why secrets cannot be saved right now, if so. */
  problem: string | null;
}

export const secretsMethods = {
  'secrets.list': method<SecretsView>()(noInput),
  'secrets.set': method<SecretsView>()(
    z
      .object({
        name: secretName,
        value: z.string().min(1, 'a value is required').max(4096, 'at most 4096 characters'),
      })
      .strict(),
  ),
  'secrets.delete': method<SecretsView>()(z.object({ name: secretName }).strict()),
};
