import { expect, test, type Page } from '@playwright/test';
import { TOAST_MS } from '../../renderer/src/toasts/toast-store.ts';
import { seriousViolations } from './support/axe.ts';
import { openScreen, screenshot, startSession, type Session } from './support/session.ts';

/** Every action says what it changed, level before → after, in a toast that moves nothing. */
let session: Session;

test.beforeAll(async () => {
  session = await startSession([
    { name: 'broker', criticality: 'critical', breaker: { failureThreshold: 1 } },
  ]);
});
test.afterAll(async () => session?.stop());
test.beforeEach(async () => {
  session.fixtures.broker!.setMode({ status: 200 });
  await session.rpc('level.override', { enabled: false, reason: 'test starts clean' });
  await session.rpc('breaker.resetAll', { reason: 'test starts clean' });
  // A healthy answer clears the failed-probe count an earlier test left, which holds ALERT.
  await session.rpc('check.run');
  await session.rpc('level.recover', { reason: 'test starts clean' });
});

async function act(page: Page, button: string, reason: string) {
  await page.getByTestId(button).click();
  await page.getByTestId('reason-input').fill(reason);
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('reason-dialog')).toHaveCount(0);
}

const polite = (page: Page) => page.getByRole('status').filter({ has: page.getByTestId('toast') });

test('force recovery while a critical breaker is still open: HALT → NORMAL → HALT, and why', async ({
  page,
}) => {
  session.fixtures.broker!.setMode({ status: 503 });
  await session.rpc('check.run');
  await openScreen(page, session, 'controls');
  await expect(page.getByTestId('controls-level')).toContainText('HALT');
  await act(page, 'force-recover', 'bot restarted, try again');
  const toast = page.getByTestId('toast');
  await expect(toast.getByTestId('toast-title')).toHaveText('Recovery forced: HALT → NORMAL → HALT');
  await expect(toast).toContainText('Raised again at once by broker breaker open (critical service)');
  await expect(toast).toHaveAttribute('data-tone', 'warn');
  await expect(polite(page)).toHaveCount(1);
  await screenshot(page, test.info(), 'toast-recovery', { readme: true });
});

test('kill, then a recovery that holds: SHUTDOWN → NORMAL', async ({ page }) => {
  await openScreen(page, session, 'controls');
  await act(page, 'kill', 'runaway orders');
  await expect(page.getByTestId('toast').last()).toContainText('Trading shut down: NORMAL → SHUTDOWN');
  await act(page, 'force-recover', 'bot fixed');
  await expect(page.getByTestId('toast').last()).toContainText('Recovery forced: SHUTDOWN → NORMAL');
  await expect(page.getByTestId('toast').last()).toHaveAttribute('data-tone', 'done');
});

test('override on and off: trading before → after, and the level', async ({ page }) => {
  await openScreen(page, session, 'controls');
  await act(page, 'override-on', 'lunch break');
  const on = page.getByTestId('toast').last();
  await expect(on).toContainText('Override on: trading follows the level → disabled');
  await expect(on).toContainText('Level stays NORMAL.');
  await act(page, 'override-off', 'back at the desk');
  await expect(page.getByTestId('toast').last()).toContainText(
    'Override off: trading disabled → follows the level',
  );
});

test('taking a service offline and resetting it say breaker and level before → after', async ({ page }) => {
  await openScreen(page, session, 'controls');
  await act(page, 'isolate-broker', 'broker returns stale fills');
  await expect(page.getByTestId('toast').last()).toContainText('broker taken offline: breaker Closed → Open');
  await expect(page.getByTestId('toast').last()).toContainText('Level NORMAL → HALT.');
  await act(page, 'reset-broker', 'broker fixed');
  await expect(page.getByTestId('toast').last()).toContainText('broker reset: breaker Open → Closed');
  await expect(page.getByTestId('toast').last()).toContainText('Level stays HALT; steps down');
});

test('run check says how many answered and what the level did', async ({ page }) => {
  await openScreen(page, session, 'board');
  await page.getByTestId('run-check').click();
  await expect(page.getByTestId('toast')).toContainText('Check done: 1 of 1 healthy');
  await expect(page.getByTestId('toast')).toContainText('Level stays NORMAL.');
});

test('toasts hide by themselves, can be dismissed, and never move the page', async ({ page }) => {
  await page.clock.install();
  await openScreen(page, session, 'board');
  const banner = page.getByTestId('level-banner');
  const before = await banner.boundingBox();
  await page.getByTestId('run-check').click();
  const toast = page.getByTestId('toast');
  await expect(toast).toBeVisible();
  expect(await banner.boundingBox()).toEqual(before);
  expect(await toast.evaluate((t) => getComputedStyle(t.closest('.toasts')!).position)).toBe('fixed');
  await page.clock.fastForward(TOAST_MS - 1000);
  await expect(toast).toBeVisible();
  await page.clock.fastForward(2000);
  await expect(toast).toHaveCount(0);

  await page.getByTestId('run-check').click();
  await expect(toast).toBeVisible();
  await page.getByRole('button', { name: /^Dismiss: Check done/ }).click();
  await expect(toast).toHaveCount(0);
});

test('a failed action is an alert that stays until dismissed', async ({ page }) => {
  await page.clock.install();
  await openScreen(page, session, 'board');
  // The engine refusing the call, as a busy or broken engine would answer.
  await page.route('**/api/rpc/check.run', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'failed', message: 'a check is already running' } }),
    }),
  );
  await page.getByTestId('run-check').click();
  const alert = page.getByRole('alert').getByTestId('toast');
  await expect(alert).toContainText('The check failed');
  await expect(alert).toContainText('a check is already running');
  await page.clock.fastForward(TOAST_MS * 10);
  await expect(alert).toBeVisible();
  await alert.getByTestId('toast-dismiss').click();
  await expect(alert).toHaveCount(0);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a toast at 800×600 in the ${colorScheme} theme: no horizontal scroll, no serious axe violation`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 800, height: 600 });
    await page.emulateMedia({ colorScheme });
    await openScreen(page, session, 'controls');
    await act(page, 'override-on', 'checking the layout');
    const toast = page.getByTestId('toast');
    await expect(toast).toBeVisible();
    const box = (await toast.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(800);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
