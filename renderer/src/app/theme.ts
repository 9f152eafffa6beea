export type ThemePreference = 'system' | 'light' | 'dark';

const dark = () => window.matchMedia('(prefers-color-scheme: dark)');
let following: (() => void) | null = null;

/** Sets `data-theme` on <html>; "system" follows the OS setting as it changes. */
export function applyTheme(preference: ThemePreference): void {
  following?.();
  following = null;
  const set = (theme: 'light' | 'dark') => (document.documentElement.dataset.theme = theme);
  if (preference !== 'system') {
    set(preference);
    return;
  }
  const query = dark();
  const update = () => set(query.matches ? 'dark' : 'light');
  update();
  query.addEventListener('change', update);
  following = () => query.removeEventListener('change', update);
}
