import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './support/axe.ts';
import { openScreen, screenshot, startSession, type Session } from './support/session.ts';

/** The compact view (#/mini): the level and the worst service, live, from `haltwatch serve`. */
let session: Session;

test.beforeAll(async () => {
  session = await startSession([
    { name: 'broker', criticality: 'critical', breaker: { failureThreshold: 1 } },
    { name: 'quotes' },
  ]);
});
test.afterAll(async () => session?.stop());
test.beforeEach(async () => {
  session.fixtures.broker!.setMode({ status: 200 });
  await session.rpc('breaker.resetAll', { reason: 'test starts clean' });
  await session.rpc('check.run');
  await session.rpc('level.recover', { reason: 'test starts clean' });
});

const MINI = { width: 260, height: 90 };

async function openMini(page: Page) {
  await page.goto(`${session.server.url}#/mini`);
  await page.getByTestId('mini-view').waitFor();
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test('shows the level and the worst service, and follows the live status', async ({ page }) => {
  await page.setViewportSize(MINI);
  await openMini(page);
  await expect(page.getByTestId('mini-level')).toHaveText('✓ NORMAL');
  await expect(page.getByTestId('mini-service')).toHaveText('All 2 services healthy');
  await expect(page.getByRole('navigation')).toHaveCount(0);

  session.fixtures.broker!.setMode({ status: 503 });
  await session.rpc('check.run');
  // No reload: the event stream the board uses updates it.
  await expect(page.getByTestId('mini-view')).toHaveAttribute('data-level', 'HALT');
  await expect(page.getByTestId('mini-level')).toHaveText('■ HALT');
  await expect(page.getByTestId('mini-service')).toHaveText(/^broker: Stopped — retry at \d\d:\d\d$/);
  await expect(page).toHaveTitle('■ HALT — Haltwatch');
  expect(await horizontalOverflow(page)).toBe(0);
  await screenshot(page, test.info(), 'mini-view', { readme: true });

  await session.rpc('level.override', { enabled: true, reason: 'lunch' });
  await expect(page.getByTestId('mini-level')).toHaveText('■ HALT · trading off (override)');
  await session.rpc('level.override', { enabled: false, reason: 'back' });
});

test('opens from the sidebar as a small window; a click there brings the dashboard back', async ({
  page,
}) => {
  await openScreen(page, session, 'controls');
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('open-mini').click()]);
  await popup.getByTestId('mini-view').waitFor();
  expect(new URL(popup.url()).hash).toBe('#/mini');
  // The same level as the dashboard's (which one is the first test's business).
  const level = (await page.getByTestId('sidebar-level').textContent())!.trim();
  await expect(popup.getByTestId('mini-level')).toHaveText(new RegExp(`^${level}`));
  await popup.getByTestId('mini-open').click();
  await expect(page.getByTestId('screen-board')).toBeVisible();
  await expect.poll(() => new URL(page.url()).hash).toBe('#/board');
  // Frameless in the desktop app, so the view closes itself.
  await popup.getByTestId('mini-close').click();
  await expect.poll(() => popup.isClosed()).toBe(true);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious axe violation in the ${colorScheme} theme, NORMAL and HALT`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize(MINI);
    await openMini(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    expect(await seriousViolations(page)).toEqual([]);
    session.fixtures.broker!.setMode({ status: 503 });
    await session.rpc('check.run');
    await expect(page.getByTestId('mini-view')).toHaveAttribute('data-level', 'HALT');
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('fits 800×600 and its own 260×90 without a horizontal scroll', async ({ page }) => {
  for (const size of [{ width: 800, height: 600 }, MINI]) {
    await page.setViewportSize(size);
    await openMini(page);
    expect(await horizontalOverflow(page)).toBe(0);
    const box = (await page.getByTestId('mini-open').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
  }
});
