import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServe, type ServeProcess } from '../helpers/haltwatch-process.ts';
import { startHttpFixture, type HttpFixture } from '../helpers/servers/http-fixture.ts';
import { fragileBroker, writeServicesFile } from '../helpers/services-file.ts';

let dataDir: string;
let broker: HttpFixture;
let quotes: HttpFixture;
let server: ServeProcess;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-e2e-'));
  broker = await startHttpFixture();
  quotes = await startHttpFixture();
  writeServicesFile(dataDir, [
    fragileBroker(broker.url),
    { name: 'quotes', kind: 'http', url: quotes.url, timeoutMs: 2000, criticality: 'informational' },
  ]);
  server = await startServe(dataDir);
});

test.afterAll(async () => {
  await server?.stop();
  await broker?.stop();
  await quotes?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a healthy check, then a failing critical service raises the level', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('level-name')).toHaveText('NORMAL');
  const brokerCard = page.getByTestId('service-broker');
  await expect(brokerCard.getByTestId('last-result')).toHaveText('not checked yet');

  await page.getByTestId('run-check').click();
  await expect(brokerCard.getByTestId('last-result')).toContainText('healthy');
  await expect(brokerCard.getByTestId('breaker-state')).toHaveText('Closed');
  await expect(page.getByTestId('run-check')).toHaveText('Run check now');
  await expect(page.getByTestId('level-name')).toHaveText('NORMAL');

  broker.setMode({ status: 503 });
  await page.getByTestId('run-check').click();
  await expect(brokerCard.getByTestId('reason')).toContainText('503');
  await expect(brokerCard.getByTestId('breaker-state')).toHaveText('Open');
  await expect(page.getByTestId('level-name')).toHaveText('HALT');
  await expect(page.getByTestId('service-quotes').getByTestId('last-result')).toContainText('healthy');
  await page.screenshot({ path: test.info().outputPath('board-halt.png'), fullPage: true });
});

test('the API refuses calls without the token', async ({ request }) => {
  const response = await request.post(`${server.origin}/api/rpc/status.get`, { data: {} });
  expect(response.status()).toBe(401);
  const body = await response.json();
  expect(body.error.code).toBe('unauthorized');
});

test('the dashboard runs on the operator token, takes it out of the address bar, and serve never prints the bot token', async ({
  page,
  request,
}) => {
  await page.goto(server.url);
  await expect(page.getByTestId('level-name')).toHaveText(/NORMAL|ALERT|THROTTLE|HALT|SHUTDOWN/);
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  // Still signed in after a reload: the token is kept for this tab only.
  await page.reload();
  await expect(page.getByTestId('level-name')).toBeVisible();

  const botToken = fs.readFileSync(path.join(dataDir, 'api-token'), 'utf8').trim();
  expect(server.token).not.toBe(botToken);
  expect(server.output()).not.toContain(botToken);
  expect(server.output()).toContain(`the bot token is kept in ${path.join(dataDir, 'api-token')}`);
  const asBot = await request.post(`${server.origin}/api/rpc/status.get`, {
    data: {},
    headers: { authorization: `Bearer ${botToken}` },
  });
  expect(asBot.status()).toBe(403);
  expect((await asBot.json()).error.code).toBe('forbidden');
});
