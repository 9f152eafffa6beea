import { EXCHANGE_ZONE } from '../../../shared/schedule.ts';
import type { ExchangeDefinition } from './exchange-definition.ts';

/** Crypto venues trade around the clock: one session per UTC day, no holidays, no early closes. */
export const CRYPTO: ExchangeDefinition = {
  id: 'CRYPTO',
  name: 'Crypto (24/7)',
  zone: EXCHANGE_ZONE.CRYPTO,
  open: 0,
  close: 24 * 60,
  tradingWeekdays: [1, 2, 3, 4, 5, 6, 7],
  firstYear: 2000,
  lastYear: 2100,
  holidays: () => [],
  earlyCloses: () => [],
  shippedAdhoc: [],
};
