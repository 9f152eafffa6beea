import { expect, test } from '@playwright/test';
import { openScreen, screenshot, startSession, type Session } from './support/session.ts';

let session: Session;

test.beforeAll(async () => {
  session = await startSession([{ name: 'broker' }]);
});
test.afterAll(async () => session?.stop());

test('countdowns, NYSE holidays and early closes, and an entry edited and saved', async ({ page }) => {
  await openScreen(page, session, 'schedule');
  await expect(page.getByTestId('upcoming').locator('li').first()).toContainText(/in \d/);

  // Walk to November 2026: Thanksgiving closed, the day after closes early.
  const title = page.getByTestId('calendar-title');
  for (let i = 0; i < 40 && !(await title.textContent())?.includes('November 2026'); i++) {
    const before = await title.textContent();
    const target = new Date(2026, 10, 1).getTime();
    const shown = Date.parse(`1 ${before ?? ''}`);
    await page.getByTestId(shown > target ? 'calendar-prev' : 'calendar-next').click();
    await expect(title).not.toHaveText(before ?? '');
  }
  await expect(page.getByTestId('day-2026-11-26')).toHaveAttribute('data-kind', 'holiday');
  await expect(page.getByTestId('day-2026-11-26')).toContainText('Thanksgiving');
  await expect(page.getByTestId('day-2026-11-27')).toHaveAttribute('data-kind', 'early');
  await expect(page.getByTestId('day-2026-11-27')).toContainText('13:00');

  // An interval check needs "every": refused inline until given.
  await page.getByTestId('add-entry').selectOption('interval');
  await page.getByTestId('entry-2-every').fill('');
  await expect(page.getByTestId('entry-2')).toContainText('required when anchor is "interval"');
  await expect(page.getByTestId('schedule-save')).toBeDisabled();
  await page.getByTestId('entry-2-every').fill('15');
  await page.getByTestId('schedule-save').click();
  await expect(page.getByTestId('toast')).toContainText('Schedule saved');
  await expect(page.getByTestId('toast')).toContainText(/checks .* → .*interval/);
  await expect(page.getByTestId('schedule-state')).toHaveText('No unsaved changes');
  const saved = await session.rpc<{ entries: { name: string; everyMinutes?: number }[] }>('schedule.get');
  expect(saved.entries.find((e) => e.name === 'interval')?.everyMinutes).toBe(15);
  await screenshot(page, test.info(), 'schedule');
});
