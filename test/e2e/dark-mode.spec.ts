import { expect, test } from '@playwright/test';
import { LEVELS } from '../../shared/levels.ts';
import { findLowContrast } from './support/contrast.ts';
import { openScreen, screenshot, startSession, type Session } from './support/session.ts';

let session: Session;

test.beforeAll(async () => {
  session = await startSession([
    { name: 'broker', criticality: 'critical' },
    { name: 'quotes', breaker: { failureThreshold: 1 } },
  ]);
});
test.afterAll(async () => session?.stop());

test.use({ colorScheme: 'dark' });

test('dark mode: the board in a failing state meets WCAG AA contrast, and a screenshot for the README', async ({
  page,
}) => {
  await page.goto(session.server.url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('run-check').click();
  await expect(page.getByTestId('service-broker').getByTestId('last-result')).toContainText('healthy');
  session.fixtures.quotes!.setMode({ status: 503 });
  await page.getByTestId('run-check').click();
  await expect(page.getByTestId('service-quotes').getByTestId('breaker-state')).toHaveText('Open');
  await expect(page.getByTestId('run-check')).toHaveText('Run check now');
  expect(await findLowContrast(page)).toEqual([]);
  await screenshot(page, test.info(), 'board-dark', { readme: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await findLowContrast(page), 'light').toEqual([]);
});

test('the level banner and sidebar chip of every level, in dark and light mode', async ({ page }) => {
  await page.goto(session.server.url);
  await page.getByTestId('level-banner').waitFor();
  for (const [scheme, level] of (['dark', 'light'] as const).flatMap((c) =>
    LEVELS.map((l) => [c, l] as const),
  )) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.evaluate((name) => {
      const banner = document.querySelector('[data-testid="level-banner"]');
      const chip = document.querySelector('[data-testid="sidebar-level"]');
      for (const e of [banner, chip])
        e?.setAttribute('class', e.className.replace(/level-[A-Z]+/, `level-${name}`));
    }, level);
    const failures = [
      ...(await findLowContrast(page, '[data-testid="level-banner"]')),
      ...(await findLowContrast(page, '[data-testid="sidebar-level"]')),
    ];
    expect(failures, `${level} ${scheme}`).toEqual([]);
  }
});

for (const screen of [
  'controls',
  'notifications',
  'history',
  'thresholds',
  'services',
  'schedule',
  'settings',
]) {
  test(`the ${screen} screen meets WCAG AA contrast in dark and light mode`, async ({ page }) => {
    await openScreen(page, session, screen);
    await expect(page.getByTestId(`screen-${screen}`).locator('.loading')).toHaveCount(0);
    expect(await findLowContrast(page), 'dark').toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await findLowContrast(page), 'light').toEqual([]);
  });
}
