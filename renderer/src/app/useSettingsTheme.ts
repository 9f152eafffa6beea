import { useEffect } from 'react';
import { useCall } from './queries.ts';
import { applyTheme } from './theme.ts';

/** Applies the theme setting whenever it loads or changes; until then the system's. */
export function useSettingsTheme(): void {
  const theme = useCall('settings.get').data?.theme;
  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme]);
}
