import { expect, test } from '@playwright/test';
import { openScreen, screenshot, startSession, type Session } from './support/session.ts';

let session: Session;

test.beforeAll(async () => {
  session = await startSession([
    { name: 'broker', criticality: 'critical', breaker: { failureThreshold: 1 } },
  ]);
});
test.afterAll(async () => session?.stop());

test('override on and off, each behind a reason dialog', async ({ page }) => {
  await openScreen(page, session, 'controls');
  await expect(page.getByTestId('controls-level')).toContainText('NORMAL');

  await page.getByTestId('override-on').click();
  const dialog = page.getByTestId('reason-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('reason-input')).toBeFocused();
  // Escape closes without acting.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('override-on')).toBeVisible();

  await page.getByTestId('override-on').click();
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('dialog-error')).toContainText('at least 3 characters');
  await page.getByTestId('reason-input').fill('broker maintenance window');
  await page.getByTestId('dialog-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('controls-override')).toContainText('broker maintenance window');
  const gate = await session.rpc<{ allowed: boolean; reasons: string[] }>('gate.decide', { action: 'open' });
  expect(gate.allowed).toBe(false);
  expect(gate.reasons).toContain('OVERRIDE_ACTIVE');
  await screenshot(page, test.info(), 'controls');

  await page.getByTestId('nav-board').click();
  await expect(page.getByTestId('override-active')).toContainText('broker maintenance window');

  await page.getByTestId('nav-controls').click();
  await page.getByTestId('override-off').click();
  await page.getByTestId('reason-input').fill('maintenance over');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('override-on')).toBeVisible();
  expect((await session.rpc<{ allowed: boolean }>('gate.decide', { action: 'open' })).allowed).toBe(true);
});

test('the kill switch, then force recovery back to NORMAL', async ({ page }) => {
  await openScreen(page, session, 'controls');
  await page.getByTestId('kill').click();
  await page.getByTestId('reason-input').fill('runaway orders');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('controls-level')).toContainText('SHUTDOWN');

  await page.getByTestId('force-recover').click();
  await page.getByTestId('reason-input').fill('bot fixed and restarted');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('controls-level')).toContainText('NORMAL');
});

test('taking a service offline opens its breaker; resetting closes it', async ({ page }) => {
  await openScreen(page, session, 'controls');
  const row = page.getByTestId('breaker-row-broker');
  await expect(page.getByTestId('take-offline-hint')).toContainText('counts as down');
  await expect(page.getByTestId('isolate-broker')).toHaveText('Take offline (counts as down)…');
  await page.getByTestId('isolate-broker').click();
  await page.getByTestId('reason-input').fill('broker API returns stale fills');
  await page.getByTestId('dialog-confirm').click();
  await expect(row).toContainText('Open');
  await expect(page.getByTestId('controls-level')).toContainText('HALT');
  await page.getByTestId('reset-broker').click();
  await page.getByTestId('reason-input').fill('broker confirmed fixed');
  await page.getByTestId('dialog-confirm').click();
  await expect(row).toContainText('Closed');
});
