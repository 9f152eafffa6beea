import { expect, test } from '@playwright/test';
import { openScreen, screenshot, startSession, type Session } from './support/session.ts';

let session: Session;

test.beforeAll(async () => {
  const now = Date.now();
  session = await startSession([
    {
      name: 'broker',
      criticality: 'critical',
      breaker: { failureThreshold: 1 },
      maintenance: [{ from: now - 60_000, to: now + 3_600_000 }],
    },
  ]);
});
test.afterAll(async () => session?.stop());

interface Audit {
  rows: { kind: string; action?: string; reason?: string }[];
}

test('a critical service failing in its maintenance window keeps NORMAL; clearing the window halts', async ({
  page,
}) => {
  await openScreen(page, session, 'board');
  const card = page.getByTestId('service-broker');
  await expect(card.getByTestId('service-state')).toContainText('Maintenance until');
  await expect(card.getByTestId('maintenance-flag')).toContainText('moves no level');

  session.fixtures.broker!.setMode({ status: 503 });
  await page.getByTestId('run-check').click();
  await expect(card.getByTestId('reason')).toContainText('503');
  await expect(card.getByTestId('breaker-state')).toHaveText('Open');
  await expect(page.getByTestId('level-name')).toHaveText('NORMAL');
  expect((await session.rpc<{ allowed: boolean }>('gate.decide', { action: 'open' })).allowed).toBe(true);
  await screenshot(page, test.info(), 'maintenance', { readme: true });

  // Clearing the window (an audited services change): the open breaker counts at once.
  const [broker] = await session.rpc<Record<string, unknown>[]>('services.list');
  await session.rpc('services.save', {
    service: { ...broker, maintenance: [] },
    previousName: 'broker',
    reason: 'maintenance over',
  });
  await expect(page.getByTestId('level-name')).toHaveText('HALT');
  await expect(card.getByTestId('maintenance-flag')).toHaveCount(0);
  expect((await session.rpc<{ allowed: boolean }>('gate.decide', { action: 'open' })).allowed).toBe(false);
  const audit = await session.rpc<Audit>('history.audit', { limit: 20, offset: 0, kinds: ['manual'] });
  expect(audit.rows).toEqual(
    expect.arrayContaining([expect.objectContaining({ reason: 'maintenance over' })]),
  );
});
