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
  await page.getByTestId('svc-url').blur();
  await expect(editor).toContainText('must be an http:// or https:// URL');
  await page.getByTestId('svc-save').click();
  await expect(page.getByTestId('svc-status')).toHaveText('1 field to fix');
  await expect(page.getByTestId('service-row-llm gateway')).toHaveCount(0);
  await page.getByTestId('svc-url').fill(extra.url);
  await page.getByTestId('svc-test').click();
  await expect(page.getByTestId('svc-test-result')).toContainText('✓ Healthy');
  await screenshot(page, test.info(), 'services');
  await page.getByTestId('svc-save').click();
  await expect(page.getByTestId('service-row-llm gateway')).toBeVisible();
  await expect(page.getByTestId('toast')).toContainText('Service llm gateway added');

  await page.getByTestId('nav-board').click();
  await expect(page.getByTestId('service-llm gateway')).toBeVisible();

  await page.getByTestId('nav-services').click();
  await page.getByTestId('edit-llm gateway').click();
  await page.getByTestId('svc-delete').click();
  await page.getByTestId('reason-input').fill('gateway retired');
  await page.getByTestId('dialog-confirm').click();
  await expect(page.getByTestId('service-row-llm gateway')).toHaveCount(0);
  await expect(page.getByTestId('toast').last()).toContainText('Service llm gateway deleted');
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
  await expect(page.getByTestId('svc-test-result')).toContainText('✓ Healthy');
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
  await expect(page.getByTestId('svc-test-result')).toContainText('✓ Healthy');
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

test('the form says nothing before a field is touched or a save is tried, then says it in plain words', async ({
  page,
}) => {
  await openScreen(page, session, 'services');
  await page.getByTestId('add-service').click();
  const editor = page.getByTestId('service-editor');
  await expect(editor.locator('.field-error')).toHaveCount(0);
  await expect(page.getByTestId('svc-status')).toHaveText('');
  // Kinds and criticalities in words, each criticality saying what it does; Method shows what it saves.
  await expect(page.getByTestId('svc-kind').locator('option')).toContainText([
    'Web endpoint (HTTP)',
    'Market data',
    'Bot heartbeat',
  ]);
  await expect(page.getByTestId('svc-criticality').locator('option:checked')).toHaveText('Important');
  await page.getByTestId('svc-criticality').selectOption('critical');
  await expect(editor).toContainText('When it is down: HALT, no new positions.');
  await expect(page.getByTestId('svc-method').locator('option:checked')).toHaveText('GET');

  await page.getByTestId('svc-name').focus();
  await page.getByTestId('svc-url').focus();
  await expect(editor.locator('.field-error')).toHaveText(['a name is required']);
  await page.getByTestId('svc-save').click();
  await expect(editor.locator('.field-error')).toHaveText(['a name is required', 'required']);
  await expect(page.getByTestId('svc-status')).toHaveText('2 fields to fix');
  expect(await editor.textContent()).not.toMatch(/Invalid input|expected \w+, received/);
  await expect(page.getByTestId('svc-url')).toHaveAttribute('aria-invalid', 'true');

  // Durations in the units people use.
  await page.getByTestId('svc-timeoutMs').fill('1.5s');
  await expect(page.getByTestId('svc-timeoutMs-field')).toContainText('= 1.5 s');
  await page.getByTestId('svc-timeoutMs').fill('soon');
  await expect(page.getByTestId('svc-timeoutMs-field')).toContainText(
    'write a duration like 90s, 5m or 1h, or a number of milliseconds; got "soon"',
  );
  await page.getByTestId('svc-timeoutMs').fill('2m');
  await expect(page.getByTestId('svc-timeoutMs-field')).toContainText('= 2 min');
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('a failed test probe looks failed, and every documented HTTP field is reachable and saved', async ({
  page,
}) => {
  await openScreen(page, session, 'services');
  await page.getByTestId('add-service').click();
  await page.getByTestId('svc-name').fill('status page');
  await page.getByTestId('svc-url').fill(extra.url);
  extra.setMode({ status: 503 });
  await page.getByTestId('svc-test').click();
  const result = page.getByTestId('svc-test-result');
  await expect(result).toContainText('✕ Failed: unhealthy');
  await expect(result).toContainText('503');
  await expect(result).toHaveClass(/health-fail/);
  const colour = await result.locator('strong').evaluate((e) => getComputedStyle(e).color);
  const failColour = await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.className = 'error';
    document.body.append(probe);
    const c = getComputedStyle(probe).color;
    probe.remove();
    return c;
  });
  expect(colour).toBe(failColour);

  extra.setMode({ json: { checks: [{ state: 'up' }] } });
  await page.getByTestId('svc-advanced').locator('summary').click();
  await page.getByTestId('svc-slowMs').fill('750ms');
  await page.getByTestId('svc-expectStatus').fill('200, 204');
  await page.getByTestId('svc-bodyContains').fill('checks');
  await page.getByTestId('svc-jsonPath').fill('$.checks[0].state');
  await page.getByTestId('svc-jsonEquals').fill('up');
  await page.getByTestId('svc-test').click();
  await expect(result).toContainText('✓ Healthy');
  await expect(result).toHaveClass(/health-ok/);
  await page.getByTestId('svc-enabled').uncheck();
  await page.getByTestId('svc-save').click();
  const row = page.getByTestId('service-row-status page');
  await expect(row.getByTestId('service-enabled')).toHaveText('paused');
  const stored = (
    JSON.parse(fs.readFileSync(path.join(session.dataDir, 'services.json'), 'utf8')) as {
      services: Record<string, unknown>[];
    }
  ).services.find((s) => s.name === 'status page');
  expect(stored).toMatchObject({
    enabled: false,
    slowMs: 750,
    expectStatus: ['200', '204'],
    bodyContains: 'checks',
    jsonPath: '$.checks[0].state',
    jsonEquals: 'up',
  });
  // Turned back on, it is watched again.
  await page.getByRole('button', { name: 'Edit status page' }).click();
  await expect(page.getByTestId('svc-enabled')).not.toBeChecked();
  await expect(page.getByTestId('svc-slowMs')).toHaveValue('750ms');
  await page.getByTestId('svc-enabled').check();
  await page.getByTestId('svc-save').click();
  await expect(row.getByTestId('service-enabled')).toHaveText('watched');
  extra.setMode('healthy');
});
