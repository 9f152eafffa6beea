import { formatLevelValue } from '../../../shared/cause-text.ts';
import { LEVEL_GLYPH } from '../../../shared/format.ts';
import type { BotSignal, EngineStatus } from '../../../shared/status.ts';
import { useStatus } from '../live.ts';

const LABEL: Record<BotSignal['signal'], string> = {
  order_failures: 'Order failure streak',
  slippage: 'Last slippage',
  loss: 'Realised loss in the window',
  failure_rate: 'Order failure rate',
};

const selectSignals = (s: EngineStatus) => s.signals;

function valueText(s: BotSignal): string {
  const threshold = `threshold ${formatLevelValue(s.signal, s.threshold)}`;
  if (s.value === null) return `nothing reported (${threshold})`;
  return `${formatLevelValue(s.signal, s.value)} (${threshold})`;
}

/** The bot's own signals, each with its value, threshold and the level it calls for. */
export function BotSignals() {
  const signals = useStatus(selectSignals).data ?? [];
  if (signals.length === 0) return null;
  return (
    <section className="panel bot-signals" aria-label="Bot signals" data-testid="bot-signals">
      <h2>Bot signals</h2>
      <dl>
        {signals.map((s) => (
          <div
            key={s.signal}
            className={s.level === 'NORMAL' ? undefined : 'signal-active'}
            data-testid={`signal-${s.signal}`}
          >
            <dt>{LABEL[s.signal]}</dt>
            <dd>
              {valueText(s)}
              {s.details?.orders !== undefined
                ? ` · ${s.details.orders} orders (counts from ${s.details.minOrders})`
                : ''}
              {s.level === 'NORMAL' ? null : (
                <strong>
                  {' '}
                  <span aria-hidden="true">{LEVEL_GLYPH[s.level]} </span>→ {s.level}
                </strong>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
