import { expect, test, type Page } from '@playwright/test';
import { openScreen, startSession, type Session } from './support/session.ts';

let session: Session;

test.beforeAll(async () => {
  session = await startSession([
    { name: 'alpha', criticality: 'important' },
    { name: 'zulu', criticality: 'informational', breaker: { failureThreshold: 3 } },
  ]);
});
test.afterAll(async () => session?.stop());

const cardOrder = (page: Page) =>
  page
    .locator('.services > .service-card')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')));

test('cards say their state in words, show the last checks as a heartbeat bar, and sort worst first', async ({
  page,
}) => {
  await openScreen(page, session, 'board');
  const alpha = page.getByTestId('service-alpha');
  const zulu = page.getByTestId('service-zulu');
  await expect(alpha.getByTestId('service-state')).toHaveText(/Not checked yet/);

  await page.getByTestId('run-check').click();
  await expect(alpha.getByTestId('service-state')).toHaveText(/Healthy/);
  await expect(zulu.getByTestId('service-state')).toHaveText(/Healthy/);
  await expect(alpha.getByTestId('heartbeat-bar')).toHaveAttribute(
    'aria-label',
    'last 1 checks: 1 ok, 0 failed',
  );
  expect(await cardOrder(page)).toEqual(['alpha', 'zulu']);

  session.fixtures.zulu!.setMode({ status: 503 });
  await page.getByTestId('run-check').click();
  await expect(zulu.getByTestId('service-state')).toHaveText(/Failing 1 of 2/);
  await expect(zulu.getByTestId('heartbeat-bar')).toHaveAttribute(
    'aria-label',
    'last 2 checks: 1 ok, 1 failed',
  );
  await expect.poll(() => cardOrder(page)).toEqual(['zulu', 'alpha']);

  // Two more failures open zulu's breaker (3 in a row): stopped, with the time of its next try.
  await page.getByTestId('run-check').click();
  await expect(zulu.getByTestId('service-state')).toHaveText(/Failing 2 of 2/);
  await expect(page.getByTestId('run-check')).toHaveText('Run check now');
  await page.getByTestId('run-check').click();
  await expect(zulu.getByTestId('service-state')).toHaveText(/Stopped — retry at \d\d:\d\d/);
  await expect(zulu.getByTestId('heartbeat-bar').locator('.tick-fail')).toHaveCount(3);
});
