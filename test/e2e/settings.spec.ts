import { expect, test } from '@playwright/test';
import { openScreen, screenshot, startSession, type Session } from './support/session.ts';

let session: Session;

test.beforeAll(async () => {
  session = await startSession([{ name: 'broker' }]);
});
test.afterAll(async () => session?.stop());

// Before the token rotation below, which stops the session URL's token.
test('retention is typed in days or as a duration like 4w', async ({ page }) => {
  await openScreen(page, session, 'settings');
  const raw = page.getByTestId('retention-rawDays');
  await expect(raw).toHaveValue('30d');
  await raw.fill('4w');
  await page.getByTestId('retention-reportsDays').fill('45');
  await page.getByTestId('settings-save').click();
  // The toast says what was saved; the form then has nothing unsaved (it never claims "Saved" on load).
  await expect(page.getByRole('status').getByTestId('toast')).toContainText(
    /Settings saved.*Raw results \(days\) 30 → 28; Bot reports \(days\) \d+ → 45/,
  );
  await expect(page.getByTestId('settings-state')).toHaveText('No unsaved changes');
  const saved = await session.rpc<{ retention: { rawDays: number; reportsDays: number } }>('settings.get');
  expect(saved.retention).toMatchObject({ rawDays: 28, reportsDays: 45 });
  await raw.fill('a while');
  await expect(
    page.getByText('write a duration like 90s, 5m or 1h, or a number of days; got "a while"'),
  ).toBeVisible();
  await expect(page.getByTestId('settings-save')).toBeDisabled();
});

test('theme, notifications with webhook validation, and token rotation that keeps the dashboard working', async ({
  page,
}) => {
  await openScreen(page, session, 'settings');
  await page.getByTestId('theme-dark').check();
  await page.getByTestId('notify-THROTTLE').check();
  await page.getByTestId('webhooks').fill('not a url');
  await expect(page.getByTestId('settings-state')).toHaveText('Fix the marked fields');
  await expect(page.getByTestId('settings-save')).toBeDisabled();
  await page.getByTestId('webhooks').fill('http://127.0.0.1:9/hook');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('toast').last()).toContainText('theme system → dark');
  await expect(page.getByTestId('toast').last()).toContainText('webhooks none → http://127.0.0.1:9/hook');
  await expect(page.getByTestId('settings-state')).toHaveText('No unsaved changes');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const saved = await session.rpc<{ theme: string; notifications: { levels: string[]; webhooks: string[] } }>(
    'settings.get',
  );
  expect(saved.theme).toBe('dark');
  expect(saved.notifications.levels).toContain('THROTTLE');
  expect(saved.notifications.webhooks).toEqual(['http://127.0.0.1:9/hook']);
  await screenshot(page, test.info(), 'settings-dark');

  const before = await page.getByTestId('api-token').textContent();
  await page.getByTestId('api-rotate').click();
  await page.getByTestId('api-rotate-confirm').click();
  await expect(page.getByTestId('api-note')).toContainText('new token');
  await expect(page.getByTestId('api-token')).not.toHaveText(before ?? '');
  // The dashboard switched to the new token: its calls still work.
  await page.getByTestId('nav-board').click();
  await page.getByTestId('run-check').click();
  await expect(page.getByTestId('service-broker').getByTestId('last-result')).toContainText('healthy');
});
