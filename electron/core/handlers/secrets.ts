import type { Handlers } from '../../../shared/contract.ts';
import type { SecretsView } from '../../../shared/contract/secrets.ts';
import { ForbiddenError, UserError } from '../../../shared/errors.ts';
import type { HandlerPorts } from './ports.ts';

type SecretsHandlers = Pick<Handlers, 'secrets.list' | 'secrets.set' | 'secrets.delete'>;

/** Secrets are written and listed by name; values are never returned, logged or audited. */
export function secretsHandlers({
  clock,
  store,
  secrets,
}: Pick<HandlerPorts, 'clock' | 'store' | 'secrets'>): SecretsHandlers {
  const view = (): SecretsView => {
    return {
      names: [...(secrets.vault?.names() ?? [])].sort(),
      location: secrets.vault?.location ?? null,
      problem: secrets.vault ? null : (secrets.problem?.message ?? 'no place to keep secrets'),
    };
  };
  const vault = () => {
    if (!secrets.vault) throw new UserError(`secrets cannot be saved: ${view().problem}`);
    return secrets.vault;
  };
  const refuseRemote = (allowed: boolean) => {
    if (!allowed)
      throw new ForbiddenError(
        'secrets are set and deleted by the desktop operator alone (use the Haltwatch window, ' +
          'or start haltwatch serve with --allow-remote-commands)',
      );
  };
  const audit = (action: string, name: string, actor: string) =>
    store.appendAudit({
      at: clock.now(),
      kind: 'manual',
      action,
      reason: `secret ${name}`,
      actor,
      details: { secret: name },
    });

  return {
    'secrets.list': () => view(),
    'secrets.set': async ({ name, value }, { actor, commandsAndSecrets }) => {
      refuseRemote(commandsAndSecrets);
      await vault().set(name, value);
      // Whoever typed the value in chooses anew which host it goes to.
      secrets.bindings.reenter(name);
      audit('secret_set', name, actor);
      return view();
    },
    'secrets.delete': async ({ name }, { actor, commandsAndSecrets }) => {
      refuseRemote(commandsAndSecrets);
      if (!(await vault().delete(name))) throw new UserError(`no secret named "${name}"`);
      audit('secret_deleted', name, actor);
      return view();
    },
  };
}
