import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { seedYear } from './support/seeded-year.ts';
import { openScreen, screenshot, startSession, type Session } from './support/session.ts';

let session: Session;

test.beforeAll(async () => {
  session = await startSession([{ name: 'broker', criticality: 'critical' }, { name: 'quotes' }], (dir) => {
    seedYear(dir);
  });
});
test.afterAll(async () => session?.stop());

test('an override made on the Controls screen shows with its reason in the audit log', async ({ page }) => {
  await openScreen(page, session, 'controls');
  await page.getByTestId('override-on').click();
  await page.getByTestId('reason-input').fill('FOMC announcement at 14:00');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('controls-override')).toBeVisible();

  await page.getByTestId('nav-history').click();
  const audit = page.getByTestId('audit-log');
  await expect(audit.getByTestId('audit-row').first()).toContainText('override on');
  await expect(audit.getByTestId('audit-row').first()).toContainText('FOMC announcement at 14:00');

  // Filters: level changes only hides the manual action.
  await page.getByTestId('audit-kind-manual').uncheck();
  await expect(audit).not.toContainText('FOMC announcement at 14:00');
  await page.getByTestId('audit-kind-manual').check();

  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file, 'utf8');
  expect(csv).toContain('FOMC announcement at 14:00');

  await page.getByTestId('nav-controls').click();
  await page.getByTestId('override-off').click();
  await page.getByTestId('reason-input').fill('announcement digested');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('override-on')).toBeVisible();
});

test('a year of seeded history: latency, uptime and the market checkpoints', async ({ page }) => {
  await openScreen(page, session, 'history');
  await page.getByTestId('range-1y').click();
  const chart = page.getByTestId('series-chart');
  await expect(chart).toHaveAttribute('data-points', /^3\d\d$/);
  await expect(page.getByTestId('uptime')).toContainText('%');
  await expect(chart.locator('.recharts-line path').first()).toBeVisible();
  // The issue asks for the median and the p95, not the average.
  await expect(chart.locator('.recharts-legend-item-text')).toHaveText(['p50', 'p95']);
  await expect(chart.locator('.recharts-line')).toHaveCount(2);
  const ms = async (testId: string) =>
    Number((await page.getByTestId(testId).textContent())?.replace(/\D/g, ''));
  const [p50, p95] = [await ms('worst-p50'), await ms('worst-p95')];
  expect(p50).toBeGreaterThan(0);
  expect(p95).toBeGreaterThanOrEqual(p50);

  await page.getByTestId('series-service').selectOption('quotes');
  await expect(page.getByTestId('uptime')).not.toHaveText('100.00 %');
  const checkpoints = page.getByTestId('checkpoints');
  await expect(checkpoints).toContainText('market open');
  await expect(checkpoints).toContainText('market close');
  await expect(checkpoints).toContainText('quotes');
  await screenshot(page, test.info(), 'history', { readme: true });

  await page.getByTestId('range-7d').click();
  await page.getByTestId('series-service').selectOption('broker');
  await expect(chart).toHaveAttribute('data-points', /^\d+$/);
  await expect(page.getByTestId('timeline-summary')).toBeVisible();
});
