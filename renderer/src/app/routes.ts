import { useSyncExternalStore } from 'react';

/** The dashboard's screens, in sidebar order. Routing is the URL hash: `#/history`. */
export const ROUTES = [
  { id: 'board', label: 'Status' },
  { id: 'controls', label: 'Controls' },
  { id: 'notifications', label: 'Notifications' },
  { id: 'history', label: 'History' },
  { id: 'thresholds', label: 'Thresholds' },
  { id: 'services', label: 'Services' },
  { id: 'schedule', label: 'Schedule' },
  { id: 'settings', label: 'Settings' },
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

export function routeHref(id: RouteId): string {
  return `#/${id}`;
}
