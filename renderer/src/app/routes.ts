import { useSyncExternalStore } from 'react';
import { MINI_HASH } from '../mini/open-windows.ts';

/** The dashboard's screens, in sidebar order. Routing is the URL hash: `#/history`. */
/** `icon` is what a narrow window's sidebar shows in place of the label. */
export const ROUTES = [
  { id: 'board', label: 'Status', icon: '◉' },
  { id: 'controls', label: 'Controls', icon: '⚑' },
  { id: 'notifications', label: 'Notifications', icon: '✉' },
  { id: 'history', label: 'History', icon: '◷' },
  { id: 'thresholds', label: 'Thresholds', icon: '☰' },
  { id: 'services', label: 'Services', icon: '◎' },
  { id: 'schedule', label: 'Schedule', icon: '▦' },
  { id: 'settings', label: 'Settings', icon: '⚙' },
] as const;
export type RouteId = (typeof ROUTES)[number]['id'];

export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '');
  return ROUTES.find((r) => r.id === id)?.id ?? 'board';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): RouteId {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}

/** True in the mini view (`#/mini`), which shows no sidebar and no screen but itself. */
export function useMiniView(): boolean {
  return useSyncExternalStore(subscribe, () => window.location.hash === MINI_HASH);
}

export function routeHref(id: RouteId): string {
  return `#/${id}`;
}
