import { z } from 'zod';

/** What the trader's bot reports. Prices and money are plain numbers in the account's currency. */
const at = z.number().int().positive().optional();
const symbol = z.string().trim().min(1).max(32).optional();

export const reportSchema = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('order_success'), at, symbol, orderId: z.string().max(128).optional() })
    .strict(),
  z
    .object({
      type: z.literal('order_failure'),
      at,
      symbol,
      orderId: z.string().max(128).optional(),
      reason: z.string().max(500).optional(),
      /** An order the exchange rejected during a market-wide halt is not a broker failure. */
      exchangeHalt: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('latency'),
      at,
      service: z.string().max(64).optional(),
      ms: z.number().nonnegative().max(3_600_000),
    })
    .strict(),
  z
    .object({
      type: z.literal('slippage'),
      at,
      symbol,
      expectedPrice: z.number().positive(),
      actualPrice: z.number().positive(),
    })
    .strict(),
  z.object({ type: z.literal('pnl'), at, realized: z.number(), equity: z.number().positive() }).strict(),
  z
    .object({
      type: z.literal('critical_error'),
      at,
      category: z.enum(['memory', 'security', 'database', 'other']).default('other'),
      message: z.string().min(1).max(1000),
    })
    .strict(),
]);
export type Report = z.infer<typeof reportSchema>;
export type ReportType = Report['type'];
