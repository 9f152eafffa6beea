import { Suspense, useEffect, useRef } from 'react';
import { StatusBoard } from '../board/StatusBoard.tsx';
import { useEngineEvents } from '../live.ts';
import { LAZY_SCREENS } from './lazy-screens.ts';
import { useLevelInTab } from './level-tab.ts';
import { MiniView } from '../mini/MiniView.tsx';
import { ROUTES, useMiniView, useRoute, type RouteId } from './routes.ts';
import { Toaster } from '../toasts/Toaster.tsx';
import { Sidebar } from './Sidebar.tsx';
import { useSettingsTheme } from './useSettingsTheme.ts';

const SCREENS: Record<RouteId, React.ComponentType> = { board: StatusBoard, ...LAZY_SCREENS };

export function App() {
  useEngineEvents();
  useSettingsTheme();
  useLevelInTab();
  const route = useRoute();
  const mini = useMiniView();
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
  if (mini) return <MiniView />;
  const Screen = SCREENS[route];
  const label = ROUTES.find((r) => r.id === route)?.label ?? '';
  return (
    <div className="layout">
      {/* A button, not an href="#main" link: the hash is the route. */}
      <button
        type="button"
        className="skip-link"
        onClick={() => main.current?.focus()}
        data-testid="skip-link"
      >
        Skip to content
      </button>
      <Sidebar current={route} />
      <main ref={main} tabIndex={-1} aria-label={label} className="content">
        <Suspense
          fallback={
            <p className="loading" role="status" data-testid="screen-loading">
              Loading {label}…
            </p>
          }
        >
          <Screen />
        </Suspense>
      </main>
      <Toaster />
    </div>
  );
}
