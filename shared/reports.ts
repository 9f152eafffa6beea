import { z } from 'zod';
import { plainText } from './contract/define.ts';

/** What the trader's bot reports. Prices and money are plain numbers in the account's currency. */
/** Larger than any account; summed a trillion times it is still far from the largest number. */
const MAX_MONEY = 1e15;
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
      reason: plainText(z.string().max(500)).optional(),
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
    .strict()
    // 1e-320 is a positive number, but a slippage against it is not a number the engine can keep.
    .refine((r) => Number.isFinite((Math.abs(r.actualPrice - r.expectedPrice) / r.expectedPrice) * 100), {
      path: ['expectedPrice'],
      message: 'too small: the slippage against it is not a finite number',
    }),
  z
    .object({
      type: z.literal('pnl'),
      at,
      // Bounded so the loss window's sum of any number of reports stays a finite number.
      realized: z.number().min(-MAX_MONEY, 'must be at least -1e15').max(MAX_MONEY, 'must be at most 1e15'),
      equity: z.number().positive(),
    })
    .strict()
    .refine((r) => Number.isFinite((r.realized / r.equity) * 100), {
      path: ['equity'],
      message: 'too small: the loss against it is not a finite number',
    }),
  z
    .object({
      type: z.literal('critical_error'),
      at,
      category: z.enum(['memory', 'security', 'database', 'other']).default('other'),
      message: plainText(z.string().min(1).max(1000)),
    })
    .strict(),
]);
export type Report = z.infer<typeof reportSchema>;
export type ReportType = Report['type'];

/** A report as the store keeps it: stamped with when the engine received it. */
export type ReportRecord = Report & { receivedAt: number };
