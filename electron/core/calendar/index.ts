import { z } from 'zod';
import { EXCHANGE_IDS, adhocEntrySchema } from '../../../shared/schedule.ts';
import { ConfigError } from '../../../shared/errors.ts';
import { issueTexts } from '../../../shared/validation.ts';
import type { AdhocEntryInput, ExchangeId } from '../../../shared/schedule.ts';
import { CRYPTO } from './crypto.ts';
import type { ExchangeCalendar } from './exchange-calendar.ts';
import type { ExchangeDefinition } from './exchange-definition.ts';
import { createRuleCalendar } from './rule-calendar.ts';
import { XNYS } from './xnys.ts';

export type { ExchangeCalendar } from './exchange-calendar.ts';
export { calendarMonth } from './month-view.ts';
export { XNYS_SHIPPED_ADHOC } from './xnys.ts';

export const EXCHANGES: readonly ExchangeId[] = EXCHANGE_IDS;

const DEFINITIONS: Record<ExchangeId, ExchangeDefinition> = { XNYS, CRYPTO };

export interface CalendarOptions {
  /** The user's ad-hoc closures and early closes; they extend (and by date replace) the shipped list. */
  adhoc?: readonly AdhocEntryInput[];
}

export function isExchangeId(value: string): value is ExchangeId {
  return (EXCHANGES as readonly string[]).includes(value);
}

/** The calendar of `exchange`; throws naming the unknown exchange or the bad ad-hoc entry. */
export function getCalendar(exchange: string, options: CalendarOptions = {}): ExchangeCalendar {
  if (!isExchangeId(exchange))
    throw new RangeError(
      `unknown exchange ${JSON.stringify(exchange)}; known exchanges: ${EXCHANGES.join(', ')}`,
    );
  const parsed = z.array(adhocEntrySchema).safeParse(options.adhoc ?? []);
  if (!parsed.success)
    throw new ConfigError('calendar', issueTexts(parsed.error, { input: options.adhoc, prefix: 'adhoc' }));
  return createRuleCalendar(DEFINITIONS[exchange], parsed.data);
}
