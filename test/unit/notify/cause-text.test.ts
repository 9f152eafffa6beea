import { describe, expect, it } from 'vitest';
import { formatSignalCause } from '../../../shared/cause-text.ts';
import { levelNotice } from '../../../electron/core/notify/notices.ts';
import { statusAt } from '../../helpers/status-fixture.ts';

describe('causes in words with their units', () => {
  it('gives each level signal its unit', () => {
    expect(formatSignalCause({ signal: 'loss', value: 6, threshold: 5 }, 'level')).toBe(
      'realised loss (of equity) 6 % (threshold 5 %)',
    );
    expect(
      formatSignalCause({ signal: 'latency', service: 'broker', value: 1512.24, threshold: 1000 }, 'level'),
    ).toBe('broker latency 1512 ms (threshold 1000 ms)');
    expect(formatSignalCause({ signal: 'failure_rate', value: 30, threshold: 30 }, 'level')).toBe(
      'order failure rate 30 % (threshold 30 %)',
    );
    expect(formatSignalCause({ signal: 'order_failures', value: 5, threshold: 5 }, 'level')).toBe(
      'consecutive order failures 5 (threshold 5)',
    );
  });

  it('reads a breaker’s rates as fractions and its open period as a duration', () => {
    expect(formatSignalCause({ signal: 'failure_rate', value: 0.5, threshold: 0.5 }, 'breaker')).toBe(
      'failure rate 50 % (threshold 50 %)',
    );
    expect(
      formatSignalCause({ signal: 'open_period_elapsed', value: 60_020, threshold: 60_000 }, 'breaker'),
    ).toBe('open for 60 s (threshold 60 s)');
  });

  it('names an open breaker with its service’s criticality when known', () => {
    const open = { signal: 'breaker', service: 'quotes', value: 'HALF_OPEN', threshold: 'important' };
    expect(formatSignalCause(open, 'level')).toBe('quotes breaker half-open (important service)');
    expect(formatSignalCause({ signal: 'breaker', service: 'quotes', value: 'OPEN' }, 'level')).toBe(
      'quotes breaker open',
    );
  });

  it('keeps an unknown signal readable, and nothing for no cause', () => {
    expect(formatSignalCause({ signal: 'critical_error', value: 'margin call' }, 'level')).toBe(
      'critical error: margin call',
    );
    expect(formatSignalCause({ signal: 'unheard_of', value: 3 }, 'level')).toBe('unheard of 3');
    expect(formatSignalCause(null, 'level')).toBe('');
  });

  it('reads the fail-safe causes as what happened and why', () => {
    expect(formatSignalCause({ signal: 'state_lost', value: 'the saved state is missing' }, 'level')).toBe(
      'saved state lost: the saved state is missing',
    );
    const full = 'engine state not saved: database or disk is full';
    expect(formatSignalCause({ signal: 'history_unwritable', value: full }, 'level')).toBe(
      `history cannot be saved: ${full}`,
    );
    expect(formatSignalCause({ signal: 'config_invalid', value: 'services.json: line 3' }, 'level')).toBe(
      'configuration unusable: services.json: line 3',
    );
    expect(formatSignalCause({ signal: 'manual_kill', value: 'flash crash' }, 'level')).toBe(
      'shut down by hand: flash crash',
    );
  });

  it('puts the units into the HALT notification', () => {
    const status = { ...statusAt('HALT'), cause: { signal: 'loss', value: 6.2, threshold: 5 } };
    expect(levelNotice(status).body).toBe(
      'No new positions; reduce, close and cancel only\nCause: realised loss (of equity) 6.2 % (threshold 5 %)',
    );
  });
});
