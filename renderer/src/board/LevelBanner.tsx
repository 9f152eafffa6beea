import { memo } from 'react';
import type { EngineStatus } from '../../../shared/status.ts';
import { formatAgo, LEVEL_GLYPH, LEVEL_MEANING } from '../../../shared/format.ts';
import { useLevelActions } from '../controls/manual-actions.ts';
import { ActionButton } from '../controls/ActionButton.tsx';
import { formatSignalCause } from '../../../shared/cause-text.ts';
import { Countdown } from '../ui/Countdown.tsx';
import { formatDateTime } from '../ui/time.ts';
import { useNow } from '../use-now.ts';

type BannerFields = Pick<
  EngineStatus,
  'level' | 'levelSince' | 'cause' | 'desiredLevel' | 'override' | 'awaitingConfirmation' | 'nextStepDownAt'
>;

/** The level by name, glyph and colour; since when, why, and what it waits for to step down. */
export const LevelBanner = memo(function LevelBanner({ status }: { status: BannerFields }) {
  const now = useNow();
  const actions = useLevelActions();
  const cause = formatSignalCause(status.cause, 'level');
  return (
    <section
      className={`level-banner level-${status.level}`}
      aria-live="polite"
      aria-label="Trading level"
      data-testid="level-banner"
    >
      <span className="level-glyph" aria-hidden="true">
        {LEVEL_GLYPH[status.level]}
      </span>
      <div className="level-text">
        <h1>
          Level: <span data-testid="level-name">{status.level}</span>
        </h1>
        <p>{LEVEL_MEANING[status.level]}</p>
        <p className="banner-detail">
          since {formatDateTime(status.levelSince)} ({formatAgo(status.levelSince, now)})
          {cause ? (
            <>
              {' · cause: '}
              <span data-testid="level-cause">{cause}</span>
            </>
          ) : null}
        </p>
        {status.override?.enabled ? (
          <p className="banner-detail" data-testid="override-active">
            <strong>Manual override on</strong> — trading disabled by {status.override.actor}: “
            {status.override.reason}”
          </p>
        ) : null}
        {status.nextStepDownAt !== null && !status.awaitingConfirmation ? (
          <p className="banner-detail" data-testid="step-down">
            Steps down to {status.desiredLevel === status.level ? 'the next level' : 'a lower level'}{' '}
            <Countdown at={status.nextStepDownAt} /> if signals stay healthy
          </p>
        ) : null}
      </div>
      {status.awaitingConfirmation ? (
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
