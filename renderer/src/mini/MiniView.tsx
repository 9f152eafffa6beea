import { LEVEL_GLYPH } from '../../../shared/format.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import { useStatus } from '../live.ts';
import { useNow } from '../use-now.ts';
import { miniSummary } from './mini-summary.ts';
import { openDashboardFromMini } from './open-windows.ts';

const selectAll = (s: EngineStatus) => s;

/**
 * The compact view (`#/mini`): level and worst service from the same live status as the board,
 * in a window small enough to stay on top of a trading screen. A click opens the dashboard.
 */
export function MiniView() {
  const status = useStatus(selectAll);
  const now = useNow();
  if (status.isPending)
    return (
      <main className="mini not-watching" aria-label="Haltwatch mini view">
        <p className="mini-open" role="status">
          Loading…
        </p>
      </main>
    );
  if (status.isError)
    return (
      <main className="mini not-watching" aria-label="Haltwatch mini view">
        <p className="mini-open error" role="alert" data-testid="mini-error">
          No status: {status.error.message}
        </p>
      </main>
    );
  const summary = miniSummary(status.data, now);
  return (
    <main
      className={`mini ${summary.watching ? `level-${summary.level}` : 'not-watching'}`}
      aria-label="Haltwatch mini view"
      data-testid="mini-view"
      data-level={summary.level}
    >
      <span className="mini-grip" aria-hidden="true" title="Drag to move" />
      <button
        type="button"
        className="mini-open"
        onClick={openDashboardFromMini}
        title={`${summary.meaning}. Click to open the dashboard.`}
        data-testid="mini-open"
      >
        <span className="mini-level" data-testid="mini-level">
          <span aria-hidden="true">{summary.watching ? LEVEL_GLYPH[summary.level] : '○'} </span>
          {summary.headline}
        </span>
        <span className="mini-service" data-testid="mini-service">
          {summary.service}
        </span>
        <span className="visually-hidden">. Open the dashboard</span>
      </button>
      {/* Frameless in the desktop app: this is its close button. */}
      <button
        type="button"
        className="mini-close"
        onClick={() => window.close()}
        aria-label="Close the mini view"
        title="Close the mini view"
        data-testid="mini-close"
      >
        ×
      </button>
    </main>
  );
}
