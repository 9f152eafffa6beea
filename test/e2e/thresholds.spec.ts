import { expect, test } from '@playwright/test';
import { THRESHOLD_GROUPS } from '../../renderer/src/thresholds/threshold-fields.ts';
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

test('every millisecond field says its value in seconds, minutes or hours', async ({ page }) => {
  await openScreen(page, session, 'thresholds');
  const msFields = THRESHOLD_GROUPS.flatMap((g) => g.fields).filter(
    (f) => f.unit === 'ms' || f.unit === 'duration',
  );
  expect(msFields.length).toBeGreaterThanOrEqual(8);
  for (const field of msFields)
    await expect(page.getByTestId(`error-${field.path.join('.')}`)).toHaveText(/^= \d+(\.\d+)? (s|min|h)$/);
  await expect(page.getByTestId('error-latency.alertMs')).toHaveText('= 0.5 s');
  await expect(page.getByTestId('error-loss.windowMs')).toHaveText('= 24 h');
  await page.getByTestId('field-latency.alertMs').fill('1500');
  await expect(page.getByTestId('error-latency.alertMs')).toHaveText('= 1.5 s · was 500');
  // Windows and cooldowns are typed as durations, not milliseconds.
  await expect(page.getByTestId('field-loss.windowMs')).toHaveValue('1d');
  await page.getByTestId('field-loss.windowMs').fill('12h');
  await expect(page.getByTestId('error-loss.windowMs')).toHaveText('= 12 h · was 1d');
  await page.getByTestId('field-cooldownMs.alert').fill('90s');
  await expect(page.getByTestId('error-cooldownMs.alert')).toHaveText('= 90 s · was 1m');
  await page.getByTestId('field-cooldownMs.alert').fill('soon');
  await expect(page.getByTestId('error-cooldownMs.alert')).toHaveText(
    'write a duration like 90s, 5m or 1h, or a number of milliseconds; got "soon"',
  );
  await expect(page.getByTestId('field-cooldownMs.alert')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('thresholds-revert').click();
  await expect(page.getByTestId('field-cooldownMs.alert')).toHaveValue('1m');
  await expect(page.getByTestId('breaker-broker-openMs-hint')).toHaveText(/^= \d+(\.\d+)? (s|min|h)$/);
});

test('validation messages are plain words, each beside the field it is about', async ({ page }) => {
  await openScreen(page, session, 'thresholds');
  const note = (key: string) => page.getByTestId(`error-${key}`);
  await page.getByTestId('field-latency.throttleMs').fill('400');
  await expect(note('latency.throttleMs')).toHaveText(
    'THROTTLE latency (400 ms) must be at least the ALERT latency (500 ms)',
  );
  await expect(page.getByTestId('field-latency.throttleMs')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('field-slippage.alertPct').fill('0');
  await expect(note('slippage.alertPct')).toHaveText('must be more than 0 %');
  await page.getByTestId('field-orderFailures.alert').fill('0');
  await expect(note('orderFailures.alert')).toHaveText('must be at least 1');
  await page.getByTestId('field-orderFailures.shutdown').fill('4');
  await expect(note('orderFailures.shutdown')).toHaveText(
    'SHUTDOWN failure count (4) must be at least the HALT failure count (5)',
  );
  await page.getByTestId('field-cooldownMs.alert').fill('500');
  await expect(note('cooldownMs.alert')).toHaveText('must be at least 1000 ms (= 1 s)');
  await page.getByTestId('field-failureRate.windowMs').fill('');
  await expect(note('failureRate.windowMs')).toHaveText('must be a whole number of milliseconds');
  await page.getByTestId('field-throttleMinConfidence').fill('1.5');
  await expect(note('throttleMinConfidence')).toHaveText('must be at most 1');
  await expect(page.getByTestId('thresholds-state')).toHaveText('7 fields to fix');
  await expect(page.locator('.threshold-groups')).not.toContainText(
    /Too small|Too big|expected (number|int)|Invalid input|≥/,
  );
  await screenshot(page, test.info(), 'thresholds-errors');
  await page.getByTestId('thresholds-revert').click();
  await expect(page.getByTestId('thresholds-state')).toHaveText('No unsaved changes');
});

test('inline validation, then a replay of the aggressive preset over the seeded week, then save', async ({
  page,
}) => {
  await openScreen(page, session, 'thresholds');
  await expect(page.getByTestId('preset-current')).toHaveText('default');

  // The ordering rule: HALT latency below THROTTLE's is refused inline and blocks saving.
  await page.getByTestId('field-latency.haltMs').fill('800');
  await expect(page.getByTestId('error-latency.haltMs')).toHaveText(
    'HALT latency (800 ms) must be at least the THROTTLE latency (1000 ms)',
  );
  await expect(page.getByTestId('thresholds-save')).toBeDisabled();
  await page.getByTestId('thresholds-revert').click();
  await expect(page.getByTestId('thresholds-state')).toHaveText('No unsaved changes');

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
  await expect(page.getByTestId('toast')).toContainText('Thresholds saved');
  await expect(page.getByTestId('toast')).toContainText('Latency ALERT at 500 ms → 1000 ms');
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
  await expect(page.getByTestId('toast')).toContainText(
    /Breaker of broker saved.*Failures to open (none|\d+) → 3/,
  );
  const services =
    await session.rpc<{ name: string; breaker?: { failureThreshold?: number } }[]>('services.list');
  expect(services[0]?.breaker?.failureThreshold).toBe(3);
});
