import { useEffect } from 'react';
import { LEVEL_GLYPH } from '../../../shared/format.ts';
import type { LevelName } from '../../../shared/levels.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import { useStatus } from '../live.ts';

/** The banner's level colours (styles.css `--NORMAL` …), which an icon's data URL cannot read. */
const LEVEL_COLOUR: Record<LevelName, string> = {
  NORMAL: '#1a7f37',
  ALERT: '#8a6a00',
  THROTTLE: '#b3530a',
  HALT: '#c62828',
  SHUTDOWN: '#5a1d8c',
};

const selectTab = (s: EngineStatus) => ({ level: s.level, override: s.override?.enabled === true });

/** A round icon in the level's colour with its glyph: the level readable from the tab strip. */
export function levelFavicon(level: LevelName, override: boolean): string {
  const glyph = override ? '✕' : LEVEL_GLYPH[level];
  const fill = override ? LEVEL_COLOUR.SHUTDOWN : LEVEL_COLOUR[level];
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="${fill}"/>` +
    `<text x="16" y="22" font-size="18" font-family="sans-serif" font-weight="bold" text-anchor="middle" fill="#fff">${glyph}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

export function levelTitle(level: LevelName, override: boolean): string {
  return override
    ? `✕ TRADING OFF (override, ${level}) — Haltwatch`
    : `${LEVEL_GLYPH[level]} ${level} — Haltwatch`;
}

/** The tab's title and icon follow the level (a dashboard left open in a background tab). */
export function useLevelInTab(): void {
  const tab = useStatus(selectTab).data;
  useEffect(() => {
    if (!tab) return;
    document.title = levelTitle(tab.level, tab.override);
    let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (!link) {
      link = document.createElement('link');
      link.rel = 'icon';
      document.head.appendChild(link);
    }
    link.href = levelFavicon(tab.level, tab.override);
    link.dataset.level = tab.override ? 'override' : tab.level;
  }, [tab]);
}
