import { expect, test } from '@playwright/test';
import { startHttpFixture, type HttpFixture } from '../helpers/servers/http-fixture.ts';
import { openScreen, screenshot, startSession, type Session } from './support/session.ts';

let session: Session;
let extra: HttpFixture;

test.beforeAll(async () => {
  session = await startSession([{ name: 'broker' }]);
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
