import { expect, test, type Page } from '@playwright/test';
import { installRenderCounter } from './support/render-counter.ts';
import { seedYear } from './support/seeded-year.ts';
import { screenshot, startSession, type Session } from './support/session.ts';

/** Measurements, printed for the report; bounds are generous so a loaded CI machine cannot flake them. */
let session: Session;

test.beforeAll(async () => {
  session = await startSession([{ name: 'broker', criticality: 'critical' }, { name: 'quotes' }], (dir) => {
    seedYear(dir);
  });
});
test.afterAll(async () => session?.stop());

const renders = (page: Page) =>
  page.evaluate(() => ({ ...(window as unknown as { __renders: Record<string, number> }).__renders }));

test('first board render, one-year chart render, and what a live update re-renders', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __boardAt?: number };
    new MutationObserver((_m, observer) => {
      if (document.querySelector('[data-testid="service-broker"]')) {
        w.__boardAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.addInitScript(installRenderCounter);
  await page.goto(session.server.url);
  await expect(page.getByTestId('service-broker')).toBeVisible();
  const boardMs = await page.evaluate(() => (window as unknown as { __boardAt: number }).__boardAt);
  console.log(`first board render: ${boardMs.toFixed(0)} ms after navigation start`);
  expect(boardMs).toBeLessThan(5000);

  // What the board needed: its own chunk only, without zod (the forms' validation) or the charts.
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname.endsWith('.js'))
      .map((e) => ({ url: e.name, bytes: (e as PerformanceResourceTiming).decodedBodySize })),
  );
  const kb = scripts.reduce((sum, s) => sum + s.bytes, 0) / 1024;
  console.log(`board JavaScript: ${scripts.length} files, ${kb.toFixed(0)} kB before minification`);
  for (const script of scripts) {
    const text = await (await page.request.get(script.url)).text();
    expect(text, `${script.url} carries zod`).not.toContain('"$ZodError"');
    expect(text, `${script.url} carries the charts`).not.toContain('recharts');
  }

  await page.getByTestId('run-check').click();
  await expect(page.getByTestId('run-check')).toHaveText('Run check now');
  await expect(page.getByTestId('service-quotes').getByTestId('heartbeat-bar')).toBeVisible();
  await screenshot(page, test.info(), 'board', { readme: true });

  // A live update that changes only the level: the banner re-renders, the service cards do not.
  const before = await renders(page);
  await session.rpc('level.override', { enabled: true, reason: 'render count probe' });
  await expect(page.getByTestId('override-active')).toBeVisible();
  const after = await renders(page);
  const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  console.log(
    `live update (override on): LevelBanner ${delta('LevelBanner')}, ServiceCard ${delta('ServiceCard')}, CheckTimes ${delta('CheckTimes')}, StatusBoard ${delta('StatusBoard')}`,
  );
  expect(delta('LevelBanner')).toBeGreaterThan(0);
  expect(delta('ServiceCard')).toBe(0);

  await page.getByTestId('nav-history').click();
  await expect(page.getByTestId('series-chart')).toBeVisible();
  await page.evaluate(() => {
    const w = window as unknown as { __chartStart: number; __chartAt?: number };
    w.__chartStart = performance.now();
    new MutationObserver((_m, observer) => {
      const chart = document.querySelector('[data-testid="series-chart"]');
      if (Number(chart?.getAttribute('data-points')) >= 300 && chart?.querySelector('.recharts-line path')) {
        w.__chartAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await page.getByTestId('range-1y').click();
  await expect(page.getByTestId('series-chart')).toHaveAttribute('data-points', /^3\d\d$/);
  await page.waitForFunction(() => (window as unknown as { __chartAt?: number }).__chartAt !== undefined);
  const chartMs = await page.evaluate(() => {
    const w = window as unknown as { __chartStart: number; __chartAt: number };
    return w.__chartAt - w.__chartStart;
  });
  console.log(
    `one-year chart (365 daily points): ${chartMs.toFixed(0)} ms from click to drawn line, query included`,
  );
  expect(chartMs).toBeLessThan(5000);
});
