import type { EngineStatus } from '../../../shared/status.ts';
import { formatAgo, formatCause, LEVEL_GLYPH, LEVEL_MEANING } from '../../../shared/format.ts';
import { useNow } from '../use-now.ts';

export function LevelBanner({ status }: { status: EngineStatus }) {
  const now = useNow();
  const cause = formatCause(status.cause);
  return (
    <section className={`level-banner level-${status.level}`} aria-live="polite" data-testid="level-banner">
      <span className="level-glyph" aria-hidden="true">
        {LEVEL_GLYPH[status.level]}
      </span>
      <div>
        <h1>
          Level: <span data-testid="level-name">{status.level}</span>
        </h1>
        <p>{LEVEL_MEANING[status.level]}</p>
        <p className="muted">
          since {new Date(status.levelSince).toLocaleString()} ({formatAgo(status.levelSince, now)})
          {cause ? ` · cause: ${cause}` : ''}
        </p>
      </div>
    </section>
  );
}
