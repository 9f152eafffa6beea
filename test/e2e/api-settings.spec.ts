import { expect, test } from '@playwright/test';
import { openScreen, startSession, type Session } from './support/session.ts';

// Its own server: the settings spec rotates the token of its session.
let session: Session;

test.beforeAll(async () => {
  session = await startSession([{ name: 'broker' }]);
});
test.afterAll(async () => session?.stop());

test('the bot API port and address are saved for the next start; the running server stays where it is', async ({
  page,
}) => {
  await openScreen(page, session, 'settings');
  const url = await page.getByTestId('api-url').textContent();
  await page.getByTestId('api-port').fill('80');
  await expect(page.getByTestId('api-address')).toContainText('at least 1024');
  await expect(page.getByTestId('api-address-save')).toBeDisabled();
  await page.getByTestId('api-port').fill('18555');
  await page.getByTestId('api-host').fill('0.0.0.0');
  await expect(page.getByTestId('api-host-warning')).toContainText('HALTWATCH_TOKEN');
  await page.getByTestId('api-metrics-token').check();
  await page.getByTestId('api-address-save').click();
  await expect(page.getByTestId('api-address-state')).toContainText(
    '0.0.0.0:18555 takes effect at the next start; running on 127.0.0.1:',
  );
  const saved = await session.rpc<{ api: unknown }>('settings.get');
  expect(saved.api).toEqual({ port: 18555, host: '0.0.0.0', metricsRequireToken: true });
  await expect(page.getByTestId('api-url')).toHaveText(url ?? '');
  await page.reload();
  await expect(page.getByTestId('api-port')).toHaveValue('18555');
  await expect(page.getByTestId('api-address-state')).toContainText('takes effect at the next start');
});
