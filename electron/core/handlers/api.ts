import type { Handlers } from '../../../shared/contract.ts';
import type { Monitor } from '../monitor.ts';
import { UserError } from '../../../shared/errors.ts';

type ApiHandlers = Pick<Handlers, 'check.start' | 'api.info' | 'api.rotateToken'>;

/** The local server's half of the contract; the server registers itself on the monitor when it listens. */
export function apiHandlers(monitor: Monitor): ApiHandlers {
  const server = () => {
    if (!monitor.localApi) throw new UserError('the local API server is not running');
    return monitor.localApi;
  };
  return {
    'check.start': async () => ({ id: await monitor.startCheck({ reason: 'manual' }).id }),
    'api.info': () => server().info(),
    'api.rotateToken': ({ token }, { actor }) => server().rotateToken(token, actor),
  };
}
