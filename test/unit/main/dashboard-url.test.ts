import { describe, expect, it } from 'vitest';
import { dashboardUrl, isAppPage } from '../../../electron/main/dashboard-url.ts';

const FILE = 'file:///opt/haltwatch/out/renderer/index.html';
const DEV = 'http://localhost:5173/';

describe('dashboard URLs', () => {
  it('open the dashboard on a screen by its hash route', () => {
    expect(dashboardUrl(FILE)).toBe(FILE);
    expect(dashboardUrl(FILE, '#/controls')).toBe(`${FILE}#/controls`);
    expect(dashboardUrl(`${FILE}#/history`, '#/schedule')).toBe(`${FILE}#/schedule`);
    expect(dashboardUrl(DEV, '#/board')).toBe('http://localhost:5173/#/board');
  });

  it('recognise only the dashboard page itself', () => {
    expect(isAppPage(`${FILE}#/controls`, FILE)).toBe(true);
    expect(isAppPage(`${FILE}?x=1`, FILE)).toBe(true);
    expect(isAppPage('file:///opt/haltwatch/out/renderer/evil.html', FILE)).toBe(false);
    expect(isAppPage('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppPage('https://localhost:5173/', DEV)).toBe(false);
    expect(isAppPage('not a url', FILE)).toBe(false);
  });
});
