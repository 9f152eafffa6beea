import type { Handlers } from '../../../shared/contract.ts';
import type { SecretsView } from '../../../shared/contract/secrets.ts';
import { UserError } from '../dispatcher.ts';
import type { Monitor } from '../monitor.ts';

type SecretsHandlers = Pick<Handlers, 'secrets.list' | 'secrets.set' | 'secrets.delete'>;

/** Secrets are written and listed by name; values are never returned, logged or audited. */
export function secretsHandlers(monitor: Monitor): SecretsHandlers {
  const view = (): SecretsView => {
    return {
      names: [...(monitor.vault?.names() ?? [])].sort(),
      location: monitor.vault?.location ?? null,
      problem: monitor.vault ? null : (monitor.secretsProblem?.message ?? 'no place to keep secrets'),
    };
  };
  const vault = () => {
    if (!monitor.vault) throw new UserError(`secrets cannot be saved: ${view().problem}`);
    return monitor.vault;
  };
  const audit = (action: string, name: string, actor: string) =>
    monitor.store.appendAudit({
      at: monitor.clock.now(),
      kind: 'manual',
      action,
      reason: `secret ${name}`,
      actor,
      details: { secret: name },
    });

  return {
    'secrets.list': () => view(),
    'secrets.set': async ({ name, value }, { actor }) => {
      await vault().set(name, value);
      audit('secret_set', name, actor);
      return view();
    },
    'secrets.delete': async ({ name }, { actor }) => {
      if (!(await vault().delete(name))) throw new UserError(`no secret named "${name}"`);
      audit('secret_deleted', name, actor);
      return view();
    },
  };
}
