import { LEVEL_GLYPH } from '../../../shared/format.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import { useStatus } from '../live.ts';
import { ROUTES, routeHref, type RouteId } from './routes.ts';

/** NORMAL with nothing watched promises nothing: the chip says so instead of a green NORMAL. */
const selectChip = (s: EngineStatus) => ({
  level: s.level,
  watching: s.services.length > 0 || s.level !== 'NORMAL' || s.override !== null,
});

export function Sidebar({ current }: { current: RouteId }) {
  const chip = useStatus(selectChip).data;
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
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
