import { expect, test } from '@playwright/test';
import { ROUTES } from '../../renderer/src/app/routes.ts';
import { seriousViolations } from './support/axe.ts';
import { openScreen, startSession, type Session } from './support/session.ts';

/** axe-core over every screen in both themes, and the keyboard paths it cannot judge by itself. */
let session: Session;

test.beforeAll(async () => {
  session = await startSession([
    { name: 'broker', criticality: 'critical' },
    { name: 'quotes', breaker: { failureThreshold: 1 } },
  ]);
  // Something on every screen: results on the board and in the history, a failing service.
  await session.rpc('check.run');
  session.fixtures.quotes!.setMode({ status: 503 });
  await session.rpc('check.run');
});
test.afterAll(async () => session?.stop());

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    for (const { id } of ROUTES) {
      test(`the ${id} screen has no serious or critical axe violation`, async ({ page }) => {
        await openScreen(page, session, id);
        await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
        await expect(page.locator('.loading')).toHaveCount(0);
        if (id === 'history') await expect(page.locator('.recharts-surface').first()).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
        if (id === 'services') {
          await page.getByTestId('add-service').click();
          await page.getByTestId('svc-save').click(); // every error showing
          await page.getByTestId('svc-advanced').locator('summary').click();
          expect(await seriousViolations(page)).toEqual([]);
        }
      });
    }
  });
}

test('a skip link leads past the sidebar into the screen', async ({ page }) => {
  await openScreen(page, session, 'board');
  await page.keyboard.press('Tab');
  const skip = page.getByTestId('skip-link');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('Escape closes a dialog and gives focus back to the button that opened it', async ({ page }) => {
  await openScreen(page, session, 'services');
  const edit = page.getByRole('button', { name: 'Edit broker' });
  await expect(edit).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit quotes' })).toBeVisible();
  await edit.click();
  const remove = page.getByTestId('svc-delete');
  await remove.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('reason-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('reason-dialog')).toHaveCount(0);
  await expect(remove).toBeFocused();
});

test('the charts are images with a name that says what they show', async ({ page }) => {
  await openScreen(page, session, 'history');
  await expect(page.getByRole('img', { name: /^Level timeline from .* to .*: / })).toBeVisible();
  await expect(page.getByRole('img', { name: /^p50 and p95 latency of broker from / })).toBeVisible();
  await expect(page.getByRole('application')).toHaveCount(0);
});

test('buttons repeated on every row say which row they act on', async ({ page }) => {
  await openScreen(page, session, 'services');
  for (const name of ['broker', 'quotes'])
    await expect(page.getByRole('button', { name: `Edit ${name}`, exact: true })).toBeVisible();
  await openScreen(page, session, 'thresholds');
  await expect(page.getByRole('button', { name: /^Save the breaker of quotes/ })).toBeVisible();
});
