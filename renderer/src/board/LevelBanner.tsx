import { memo } from 'react';
import type { EngineStatus } from '../../../shared/status.ts';
import { formatAgo, LEVEL_GLYPH, LEVEL_MEANING } from '../../../shared/format.ts';
import { useLevelActions } from '../controls/manual-actions.ts';
import { ActionButton } from '../controls/ActionButton.tsx';
import { useConfirmVerdict } from '../controls/confirm-verdict.ts';
import { formatSignalCause } from '../../../shared/cause-text.ts';
import { Countdown } from '../ui/Countdown.tsx';
import { formatDateTime } from '../ui/time.ts';
import { useNow } from '../use-now.ts';

type BannerFields = Pick<
  EngineStatus,
  | 'level'
  | 'levelSince'
  | 'cause'
  | 'causes'
  | 'confirm'
  | 'desiredLevel'
  | 'override'
  | 'awaitingConfirmation'
  | 'nextStepDownAt'
>;

/**
 * The level by name, glyph and colour; since when, every signal holding it now with its value and
 * threshold, and what it waits for to step down. With the override on, the effective state is
 * "trading off", the level the signals set shown beside it.
 */
export const LevelBanner = memo(function LevelBanner({ status }: { status: BannerFields }) {
  const now = useNow();
  const actions = useLevelActions();
  const confirm = useConfirmVerdict(status.confirm);
  const overrideOn = status.override?.enabled === true;
  const cause = formatSignalCause(status.cause, 'level');
  const holding = status.causes.filter((c) => c.level === status.level);
  const lower = status.causes.filter((c) => c.level !== status.level);
  return (
    <section
      className={`level-banner level-${overrideOn ? 'SHUTDOWN' : status.level}`}
      aria-live="polite"
      aria-label="Trading level"
      data-testid="level-banner"
    >
      <span className="level-glyph" aria-hidden="true">
        {overrideOn ? LEVEL_GLYPH.SHUTDOWN : LEVEL_GLYPH[status.level]}
      </span>
      <div className="level-text">
        {overrideOn ? (
          <h1 data-testid="effective-state">
            TRADING OFF (override) <span className="underlying-level">· level: </span>
            <span data-testid="level-name">{status.level}</span>
          </h1>
        ) : (
          <h1>
            Level: <span data-testid="level-name">{status.level}</span>
          </h1>
        )}
        <p>
          {overrideOn ? 'The manual override refuses every open and increase' : LEVEL_MEANING[status.level]}
        </p>
        <p className="banner-detail">
          since {formatDateTime(status.levelSince)} ({formatAgo(status.levelSince, now)})
          {cause ? (
            <>
              {' · cause: '}
              <span data-testid="level-cause">{cause}</span>
            </>
          ) : null}
        </p>
        {status.level !== 'NORMAL' && holding.length === 0 ? (
          <p className="banner-detail" data-testid="no-holding-cause">
            No signal holds {status.level} now: it waits for its cooldown
            {status.level === 'HALT' && status.confirm.requireConfirmation ? ' and your confirmation' : ''}.
          </p>
        ) : null}
        {holding.length > 1 || lower.length > 0 ? (
          <ul className="banner-detail banner-causes" aria-label="Active causes" data-testid="active-causes">
            {status.causes.map((c) => (
              <li key={`${c.signal}/${c.service ?? ''}`} data-testid="active-cause">
                <span aria-hidden="true">{LEVEL_GLYPH[c.level]} </span>
                {c.level}: {formatSignalCause(c, 'level')}
              </li>
            ))}
          </ul>
        ) : null}
        {overrideOn ? (
          <p className="banner-detail" data-testid="override-active">
            <strong>Manual override on</strong> — trading disabled by {status.override?.actor}: “
            {status.override?.reason}”
          </p>
        ) : null}
        {status.nextStepDownAt !== null && !status.awaitingConfirmation && !confirm?.ok ? (
          <p className="banner-detail" data-testid="step-down">
            {status.level === 'HALT' && status.confirm.requireConfirmation
              ? 'Leaving HALT can be confirmed'
              : `Steps down to ${status.desiredLevel === status.level ? 'the next level' : 'a lower level'}`}{' '}
            <Countdown at={status.nextStepDownAt} /> if signals stay healthy
          </p>
        ) : null}
      </div>
      {confirm?.ok ? (
        <div className="banner-confirm" data-testid="awaiting-confirmation">
          <p>
            <strong>Operator confirmation needed</strong> to leave HALT
          </p>
          <ActionButton action={actions.confirm} testId="banner-confirm" className="on-banner">
            Confirm leaving HALT…
          </ActionButton>
        </div>
      ) : null}
    </section>
  );
});
