import { LEVEL_GLYPH } from '../../../shared/format.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import { useStatus } from '../live.ts';
import { useCall } from './queries.ts';
import { ROUTES, routeHref, type RouteId } from './routes.ts';

const selectLevel = (s: EngineStatus) => s.level;

export function Sidebar({ current }: { current: RouteId }) {
  const level = useStatus(selectLevel).data;
  const unread = useCall('notifications.list', { limit: 1 }).data?.unread ?? 0;
  return (
    <nav className="sidebar" aria-label="Screens">
      <p className="brand">Haltwatch</p>
      {level ? (
        <p className={`sidebar-level level-${level}`} data-testid="sidebar-level">
          <span aria-hidden="true">{LEVEL_GLYPH[level]}</span> {level}
        </p>
      ) : null}
      <ul>
        {ROUTES.map((route) => (
          <li key={route.id}>
            <a
              href={routeHref(route.id)}
              aria-current={route.id === current ? 'page' : undefined}
              data-testid={`nav-${route.id}`}
            >
              {route.label}
              {route.id === 'notifications' && unread > 0 ? (
                <span className="badge unread" data-testid="unread-count" aria-label={`${unread} unread`}>
                  {unread}
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
