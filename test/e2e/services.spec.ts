import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHttpFixture, type HttpFixture } from '../helpers/servers/http-fixture.ts';
import { openScreen, screenshot, startSession, type Session } from './support/session.ts';

let session: Session;
let extra: HttpFixture;

test.beforeAll(async () => {
  // The browser stands in for the desktop window here: secrets are entered over HTTP, which serve
  // allows only with --allow-remote-commands (the desktop window needs no such flag).
  session = await startSession([{ name: 'broker' }], undefined, ['--allow-remote-commands']);
  extra = await startHttpFixture();
});
test.afterAll(async () => {
  await session?.stop();
  await extra?.stop();
});

test('add a service with field validation, test its probe, save it, then delete it with a reason', async ({
  page,
}) => {
  await openScreen(page, session, 'services');
  await expect(page.getByTestId('service-row-broker')).toBeVisible();
  await page.getByTestId('add-service').click();
  const editor = page.getByTestId('service-editor');
  await page.getByTestId('svc-name').fill('llm gateway');
  await page.getByTestId('svc-url').fill('ftp://nope');
  await expect(editor).toContainText('must be an http:// or https:// URL');
  await expect(page.getByTestId('svc-save')).toBeDisabled();
  await page.getByTestId('svc-url').fill(extra.url);
  await page.getByTestId('svc-test').click();
  await expect(page.getByTestId('svc-status')).toContainText('✓ healthy');
  await screenshot(page, test.info(), 'services');
  await page.getByTestId('svc-save').click();
  await expect(page.getByTestId('service-row-llm gateway')).toBeVisible();

  await page.getByTestId('nav-board').click();
  await expect(page.getByTestId('service-llm gateway')).toBeVisible();

  await page.getByTestId('nav-services').click();
  await page.getByTestId('edit-llm gateway').click();
  await page.getByTestId('svc-delete').click();
  await page.getByTestId('reason-input').fill('gateway retired');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('service-row-llm gateway')).toHaveCount(0);
  const audit = await session.rpc<{ rows: { reason?: string }[] }>('history.audit', { kinds: ['manual'] });
  expect(audit.rows.map((r) => r.reason)).toContain('gateway retired');
});

test('a secret is entered once, used by the probe, and afterwards only its masked name is shown', async ({
  page,
}) => {
  const value = 'sk-e2e-Secret-Value-7f3a91';
  extra.setMode('echo');
  await openScreen(page, session, 'services');
  await page.getByTestId('add-service').click();
  await page.getByTestId('svc-name').fill('keyed feed');
  await page.getByTestId('svc-url').fill(extra.url);
  await page.getByTestId('svc-headers-add').click();
  await page.getByTestId('svc-headers-key-0').fill('X-Api-Key');
  await page.getByTestId('svc-headers-mode-0').selectOption('secret');
  await page.getByTestId('svc-headers-secret-0-pick').selectOption({ label: 'New secret…' });
  await page.getByTestId('svc-headers-secret-0-new-name').fill('FEED_KEY');
  await page.getByTestId('svc-headers-secret-0-new-value').fill(value);
  await page.getByTestId('svc-headers-secret-0-new-save').click();
  await expect(page.getByTestId('svc-headers-secret-0-masked')).toHaveText('FEED_KEY ••••••');
  await expect(page.getByTestId('secret-FEED_KEY')).toContainText('FEED_KEY ••••••');
  await screenshot(page, test.info(), 'services-secrets');

  // The one-off test resolves the reference in the core: the fixture receives the value, the page never does.
  const seen = extra.requests.length;
  await page.getByTestId('svc-test').click();
  await expect(page.getByTestId('svc-status')).toContainText('✓ healthy');
  expect(extra.requests.slice(seen).map((r) => r.headers['x-api-key'])).toContain(value);
  await page.getByTestId('svc-save').click();
  await expect(page.getByTestId('service-row-keyed feed')).toBeVisible();
  const file = fs.readFileSync(path.join(session.dataDir, 'services.json'), 'utf8');
  const stored = (JSON.parse(file) as { services: { name: string; headers?: unknown }[] }).services;
  expect(stored.find((s) => s.name === 'keyed feed')?.headers).toEqual({
    'X-Api-Key': { secret: 'FEED_KEY' },
  });
  expect(file).not.toContain(value);

  await page.reload();
  await page.getByTestId('screen-services').waitFor();
  await expect(page.getByTestId('secret-FEED_KEY')).toContainText('used by keyed feed');
  await page.getByTestId('edit-keyed feed').click();
  await expect(page.getByTestId('svc-headers-secret-0-masked')).toHaveText('FEED_KEY ••••••');
  await page.getByTestId('svc-test').click();
  await expect(page.getByTestId('svc-status')).toContainText('✓ healthy');
  await page.getByTestId('nav-board').click();
  await page.getByTestId('run-check').click();
  await expect(page.getByTestId('service-keyed feed').getByTestId('last-result')).toContainText('healthy');
  expect(await page.content()).not.toContain(value);

  // Replace, then delete after a confirmation.
  await page.getByTestId('nav-services').click();
  await page.getByTestId('secret-replace-FEED_KEY').click();
  await page.getByTestId('secret-replace-form-value').fill('sk-e2e-replaced');
  await page.getByTestId('secret-replace-form-save').click();
  await expect(page.getByTestId('secrets-note')).toContainText('FEED_KEY replaced');
  await expect(page.getByTestId('secret-replace-form')).toHaveCount(0);
  await page.getByTestId('secret-delete-FEED_KEY').click();
  await expect(page.getByTestId('secrets-panel')).toContainText('keyed feed will fail their probes');
  await page.getByTestId('secret-delete-confirm').click();
  await expect(page.getByTestId('secret-FEED_KEY')).toHaveCount(0);
  expect((await session.rpc<{ names: string[] }>('secrets.list')).names).not.toContain('FEED_KEY');
  const html = await page.content();
  expect(html).not.toContain(value);
  expect(html).not.toContain('sk-e2e-replaced');
  extra.setMode('healthy');
});
