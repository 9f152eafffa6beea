import type { Handlers } from '../../../shared/contract.ts';
import { apiHandlers } from './api.ts';
import { engineHandlers } from './engine.ts';
import { historyHandlers } from './history.ts';
import { notificationsHandlers } from './notifications.ts';
import type { HandlerPorts } from './ports.ts';
import { scheduleHandlers } from './schedule.ts';
import { secretsHandlers } from './secrets.ts';
import { servicesHandlers } from './services.ts';
import { settingsHandlers } from './settings.ts';

/** The whole contract, one map per area combined; each area is handed only the ports it uses. */
export function createHandlers(ports: HandlerPorts): Handlers {
  return {
    ...engineHandlers(ports),
    ...scheduleHandlers(ports),
    ...historyHandlers(ports),
    ...servicesHandlers(ports),
    ...settingsHandlers(ports),
    ...apiHandlers(ports),
    ...secretsHandlers(ports),
    ...notificationsHandlers(ports),
  };
}
