import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startProviderFake, type ProviderFake } from '../helpers/servers/provider-fake.ts';
import { findLowContrast } from './support/contrast.ts';
import { openScreen, screenshot, startSession, type Session } from './support/session.ts';

let session: Session;
let fake: ProviderFake;

test.beforeAll(async () => {
  fake = await startProviderFake({ status: 200, body: { id: 'msg-1', event: 'message' } });
  session = await startSession(
    [{ name: 'broker', criticality: 'critical', breaker: { failureThreshold: 1 } }],
    (dir) =>
      fs.writeFileSync(
        path.join(dir, 'settings.json'),
        JSON.stringify({
          notifications: {
            channels: [
              { kind: 'ntfy', name: 'phone', baseUrl: fake.origin, topic: 'hw-e2e', minPriority: 'CRITICAL' },
            ],
          },
        }),
      ),
  );
});
test.afterAll(async () => {
  await session?.stop();
  await fake?.stop();
});

test('a HALT reaches the phone channel; the center lists it, acknowledges and snoozes it', async ({
  page,
}) => {
  await openScreen(page, session, 'board');
  session.fixtures.broker!.setMode({ status: 503 });
  await page.getByTestId('run-check').click();
  await expect(page.getByTestId('sidebar-level')).toContainText('HALT');
  await expect(page.getByTestId('unread-count')).toBeVisible();
  // The HALT may come with other notices (every critical service down), in either order.
  const sentTitles = () =>
    fake.requests.map((r) => JSON.parse(r.body) as { topic: string; title: string; priority: number });
  await expect
    .poll(() => sentTitles().find((n) => n.title === 'Haltwatch: ■ HALT'))
    .toMatchObject({
      topic: 'hw-e2e',
      priority: 4,
    });

  await page.getByTestId('nav-notifications').click();
  await page.getByTestId('screen-notifications').waitFor();
  const notice = page.getByTestId('notice-list').locator('li.notice').filter({ hasText: '■ HALT' });
  await expect(notice.getByTestId('notice-priority')).toHaveText('CRITICAL');
  await expect(notice.getByTestId('delivery-phone')).toContainText('sent');
  await expect(notice.getByTestId('delivery-phone')).toContainText('HTTP 200');
  // Opening the center marks what it shows as read.
  await expect(page.getByTestId('unread-count')).toHaveCount(0);

  await notice.getByTestId('notice-snooze-1h').click();
  await page.getByTestId('reason-input').fill('broker outage known, ticket 42');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('snoozes')).toContainText('broker');
  await expect(page.getByTestId('toast').last()).toContainText('broker snoozed until');

  await notice.getByTestId('notice-ack').click();
  await page.getByTestId('reason-input').fill('on the phone with the broker');
  await page.getByTestId('dialog-confirm').click();
  await expect(notice.getByTestId('acknowledged')).toContainText('on the phone with the broker');
  await expect(page.getByTestId('toast').last()).toContainText('Acknowledged:');
  // Neither changes the level.
  await expect(page.getByTestId('sidebar-level')).toContainText('HALT');
  await screenshot(page, test.info(), 'notifications');
  expect(await findLowContrast(page), 'light').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await findLowContrast(page), 'dark').toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('nav-board').click();
  await expect(page.getByTestId('service-broker').getByTestId('snooze-badge')).toContainText(
    'notices snoozed until',
  );

  // The same list for the operator's scripts.
  const response = await fetch(`${session.server.origin}/v1/notifications?limit=5`, {
    headers: { authorization: `Bearer ${session.server.token}` },
  });
  expect(response.status).toBe(200);
  const page1 = (await response.json()) as {
    notices: { priority: string; deliveries: { state: string }[] }[];
  };
  expect(page1.notices[0]).toMatchObject({ priority: 'CRITICAL', deliveries: [{ state: 'sent' }] });
});

test('Send test reports the provider’s answer, for a saved channel and for one being added', async ({
  page,
}) => {
  await openScreen(page, session, 'settings');
  const before = fake.requests.length;
  await page.getByTestId('channel-test-phone').click();
  await expect(page.getByTestId('channel-test-phone-result')).toHaveText(
    'Sent: HTTP 200: {"id":"msg-1","event":"message"}',
  );
  expect(JSON.parse(fake.requests[before]?.body ?? '{}')).toMatchObject({ title: 'Haltwatch: test notice' });

  await page.getByTestId('channel-add').click();
  await page.getByTestId('channel-kind').selectOption('webhook');
  await page.getByTestId('channel-name').fill('desk');
  await page.getByTestId('channel-url').fill('not a url');
  await expect(page.getByTestId('channel-save')).toBeDisabled();
  fake.answers.push({ status: 403, body: 'forbidden' });
  await page.getByTestId('channel-url').fill(`${fake.origin}/desk`);
  await page.getByTestId('channel-test-draft').click();
  await expect(page.getByTestId('channel-test-draft-result')).toHaveText('Failed: HTTP 403: forbidden');
  await page.getByTestId('channel-min').selectOption('WARNING');
  await page.getByTestId('channel-save').click();
  await expect(page.getByTestId('channel-desk')).toContainText('from WARNING');
  const saved = await session.rpc<{ notifications: { channels: { name: string; kind: string }[] } }>(
    'settings.get',
  );
  expect(saved.notifications.channels.map((c) => `${c.name}:${c.kind}`)).toEqual([
    'phone:ntfy',
    'desk:webhook',
  ]);
});

test('Telegram commands are a switch of the channel, and need a numeric chat id', async ({ page }) => {
  await openScreen(page, session, 'settings');
  await page.getByTestId('channel-add').click();
  await page.getByTestId('channel-kind').selectOption('telegram');
  await page.getByTestId('channel-name').fill('tg');
  await page.getByTestId('channel-chatId').fill('@mychannel');
  await expect(page.getByTestId('channel-commands')).not.toBeChecked();
  await page.getByTestId('channel-commands').check();
  await expect(page.getByTestId('channel-chatId')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.field', { has: page.getByTestId('channel-chatId') })).toContainText(
    'numeric chat id',
  );
  await page.getByTestId('channel-chatId').fill('123456789');
  await expect(page.getByTestId('channel-chatId')).toHaveAttribute('aria-invalid', 'false');
});

test('an EMERGENCY repeats until acknowledged from the board; the level stays SHUTDOWN', async ({ page }) => {
  await openScreen(page, session, 'board');
  const before = fake.requests.length;
  await session.rpc('level.kill', { reason: 'e2e kill switch' });
  await expect(page.getByTestId('sidebar-level')).toContainText('SHUTDOWN');
  await fake.received(before + 1);
  expect(JSON.parse(fake.requests[before]?.body ?? '{}')).toMatchObject({ priority: 5 });
  await page.getByTestId('repeating-ack').click();
  await page.getByTestId('reason-input').fill('seen, handling it');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('repeating-notice')).toHaveCount(0);
  await expect(page.getByTestId('sidebar-level')).toContainText('SHUTDOWN');
  const list = await session.rpc<{
    notices: { priority: string; acknowledged: { reason: string } | null }[];
  }>('notifications.list', { limit: 1 });
  expect(list.notices[0]).toMatchObject({
    priority: 'EMERGENCY',
    acknowledged: { reason: 'seen, handling it' },
  });
});
