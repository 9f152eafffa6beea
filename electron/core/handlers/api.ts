import type { Handlers } from '../../../shared/contract.ts';
import { UserError } from '../../../shared/errors.ts';
import type { HandlerPorts } from './ports.ts';

type ApiHandlers = Pick<Handlers, 'check.start' | 'api.info' | 'api.rotateToken'>;

/** The local server's half of the contract, reached through the control the composition root holds. */
export function apiHandlers({ engine, localApi }: Pick<HandlerPorts, 'engine' | 'localApi'>): ApiHandlers {
  const server = () => {
    const control = localApi();
    if (!control) throw new UserError('the local API server is not running');
    return control;
  };
  return {
    'check.start': async () => ({ id: await engine.startCheck({ reason: 'manual' }).id }),
    'api.info': () => server().info(),
    'api.rotateToken': ({ token }, { actor }) => server().rotateToken(token, actor),
  };
}
