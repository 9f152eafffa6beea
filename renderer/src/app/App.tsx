import { lazy, Suspense, useEffect, useRef } from 'react';
import { StatusBoard } from '../board/StatusBoard.tsx';
import { ControlsScreen } from '../controls/ControlsScreen.tsx';
import { useEngineEvents } from '../live.ts';
import { ScheduleScreen } from '../schedule/ScheduleScreen.tsx';
import { ServicesScreen } from '../services/ServicesScreen.tsx';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { ThresholdsScreen } from '../thresholds/ThresholdsScreen.tsx';
import { ROUTES, useRoute, type RouteId } from './routes.ts';
import { Sidebar } from './Sidebar.tsx';
import { useSettingsTheme } from './useSettingsTheme.ts';

// The charts library is most of the bundle: History loads on first visit, so the board comes up fast.
const HistoryScreen = lazy(() =>
  import('../history/HistoryScreen.tsx').then((m) => ({ default: m.HistoryScreen })),
);

const SCREENS: Partial<Record<RouteId, React.ComponentType>> = {
  board: StatusBoard,
  controls: ControlsScreen,
  history: HistoryScreen,
  thresholds: ThresholdsScreen,
  schedule: ScheduleScreen,
  services: ServicesScreen,
  settings: SettingsScreen,
};

export function App() {
  useEngineEvents();
  useSettingsTheme();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After navigating, move focus to the new screen so keyboard and screen-reader users land in it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [route]);
  const Screen = SCREENS[route];
  const label = ROUTES.find((r) => r.id === route)?.label ?? '';
  return (
    <div className="layout">
      <Sidebar current={route} />
      <main ref={main} tabIndex={-1} aria-label={label} className="content">
        <Suspense fallback={<p className="loading">Loading…</p>}>{Screen ? <Screen /> : null}</Suspense>
      </main>
    </div>
  );
}
