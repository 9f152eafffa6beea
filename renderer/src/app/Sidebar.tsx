import { LEVEL_GLYPH } from '../../../shared/format.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import { useStatus } from '../live.ts';
import { openMiniView } from '../mini/open-windows.ts';
import { useCall } from './queries.ts';
import { ROUTES, routeHref, type RouteId } from './routes.ts';

/** NORMAL with nothing watched promises nothing: the chip says so instead of a green NORMAL. */
const selectChip = (s: EngineStatus) => ({
  level: s.level,
  watching: s.services.length > 0 || s.level !== 'NORMAL' || s.override !== null,
});

export function Sidebar({ current }: { current: RouteId }) {
  const chip = useStatus(selectChip).data;
  const unread = useCall('notifications.list', { limit: 1 }).data?.unread ?? 0;
  return (
    <nav className="sidebar" aria-label="Screens">
      <p className="brand">Haltwatch</p>
      {chip ? (
        chip.watching ? (
          <p className={`sidebar-level level-${chip.level}`} data-testid="sidebar-level">
            <span aria-hidden="true">{LEVEL_GLYPH[chip.level]}</span>{' '}
            <span className="level-word">{chip.level}</span>
          </p>
        ) : (
          <p className="sidebar-level not-watching" data-testid="sidebar-level">
            <span aria-hidden="true">○</span> <span className="level-word">Not watching</span>
          </p>
        )
      ) : null}
      <ul>
        {ROUTES.map((route) => (
          <li key={route.id}>
            <a
              href={routeHref(route.id)}
              aria-current={route.id === current ? 'page' : undefined}
              title={route.label}
              data-testid={`nav-${route.id}`}
            >
              <span className="nav-icon" aria-hidden="true">
                {route.icon}
              </span>{' '}
              <span className="nav-label">{route.label}</span>
              {route.id === 'notifications' && unread > 0 ? (
                <span className="badge unread" data-testid="unread-count" aria-label={`${unread} unread`}>
                  {unread}
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="secondary sidebar-mini"
        onClick={openMiniView}
        title="Mini view: the level and the worst service in a small window (always on top in the desktop app)"
        data-testid="open-mini"
      >
        <span className="nav-icon" aria-hidden="true">
          ▭
        </span>{' '}
        <span className="nav-label">Mini view</span>
      </button>
    </nav>
  );
}
