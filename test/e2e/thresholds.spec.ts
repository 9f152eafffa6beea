import { expect, test } from '@playwright/test';
import { seedHistory } from './support/seed-history.ts';
import { openScreen, screenshot, startSession, type Session } from './support/session.ts';

let session: Session;

test.beforeAll(async () => {
  session = await startSession([{ name: 'broker', criticality: 'critical' }], (dir) => {
    // A week where every other broker check takes 700 ms: ALERT at 500 ms, nothing at 1 000 ms.
    seedHistory(dir, {
      services: ['broker'],
      days: 6,
      checksPerDay: 8,
      latencyMs: (_day, check) => (check % 2 === 1 ? 700 : 120),
    });
  });
});
test.afterAll(async () => session?.stop());

test('inline validation, then a replay of the aggressive preset over the seeded week, then save', async ({
  page,
}) => {
  await openScreen(page, session, 'thresholds');
  await expect(page.getByTestId('preset-current')).toHaveText('default');

  // The ordering rule: HALT latency below THROTTLE's is refused inline and blocks saving.
  await page.getByTestId('field-latency.haltMs').fill('800');
  await expect(page.getByTestId('error-latency.haltMs')).toContainText('must be ≥');
  await expect(page.getByTestId('thresholds-save')).toBeDisabled();
  await page.getByTestId('thresholds-revert').click();
  await expect(page.getByTestId('thresholds-state')).toHaveText('Saved');

  await page.getByTestId('preset-aggressive').click();
  await expect(page.getByTestId('field-latency.alertMs')).toHaveValue('1000');
  await page.getByTestId('replay-run').click();
  const alert = page.getByTestId('replay-ALERT');
  await expect(alert.getByTestId('current-escalations')).not.toHaveText('0');
  await expect(alert.getByTestId('proposed-escalations')).toHaveText(/^0/);
  await expect(page.getByTestId('replay-range')).toContainText('recorded signals');
  await screenshot(page, test.info(), 'thresholds', { readme: true });

  await page.getByTestId('thresholds-save').click();
  await page.getByTestId('reason-input').fill('fewer false alerts from the broker');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('preset-current')).toHaveText('aggressive');
  const saved = await session.rpc<{ preset: string }>('thresholds.get');
  expect(saved.preset).toBe('aggressive');
});

test('a service breaker is edited with field validation and saved to the services file', async ({ page }) => {
  await openScreen(page, session, 'thresholds');
  const input = page.getByTestId('breaker-broker-failureThreshold');
  await input.fill('0');
  await expect(page.getByTestId('breaker-editor-broker')).toContainText(/>=\s*1|at least|too small/i);
  await expect(page.getByTestId('breaker-save-broker')).toBeDisabled();
  await input.fill('3');
  await page.getByTestId('breaker-save-broker').click();
  await page.getByTestId('reason-input').fill('broker flaps less than we feared');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('breaker-save-broker')).toBeDisabled();
  const services =
    await session.rpc<{ name: string; breaker?: { failureThreshold?: number } }[]>('services.list');
  expect(services[0]?.breaker?.failureThreshold).toBe(3);
});
