import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SERVICE_PRESETS } from '../../renderer/src/services/presets.ts';
import { startHttpFixture, type HttpFixture } from '../helpers/servers/http-fixture.ts';
import { seriousViolations } from './support/axe.ts';
import { openScreen, screenshot, startSession, type Session } from './support/session.ts';

/** A new user: nothing configured, everything added from the dashboard alone. */
let session: Session;
let local: HttpFixture;

test.beforeAll(async () => {
  session = await startSession([]);
  local = await startHttpFixture();
});
test.afterAll(async () => {
  await session?.stop();
  await local?.stop();
});

function savedServices(): { name: string; kind: string; [key: string]: unknown }[] {
  const file = path.join(session.dataDir, 'services.json');
  if (!fs.existsSync(file)) return [];
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { services: [] }).services;
}

/** Points a preset's network address at the local fixture: the tests never reach the real providers. */
async function keepItLocal(page: Page, kind: string): Promise<void> {
  if (kind === 'http') await page.getByTestId('svc-url').fill(local.url);
  if (kind === 'market_data' || kind === 'llm') {
    await page.getByTestId('svc-advanced').locator('summary').click();
    await page.getByTestId('svc-baseUrl').fill(local.origin);
  }
}

test('an empty board says nothing is watched yet, with the three steps and a way to the Services screen', async ({
  page,
}) => {
  await openScreen(page, session, 'board');
  const guide = page.getByTestId('first-run');
  await expect(guide.getByRole('heading', { name: 'Nothing is watched yet' })).toBeVisible();
  await expect(guide.locator('ol > li')).toHaveText([
    /^Add your broker/,
    /^Add market data/,
    /^Add your bot's heartbeat/,
  ]);
  // No green "trading allowed" promise anywhere.
  await expect(page.getByTestId('level-banner')).toHaveCount(0);
  await expect(page.getByText('Trading allowed at full size')).toHaveCount(0);
  await expect(page.getByTestId('sidebar-level')).toHaveText(/Not watching/);
  await screenshot(page, test.info(), 'first-run');
  expect(await seriousViolations(page)).toEqual([]);
  await guide.getByTestId('first-run-services').click();
  await expect(page.getByTestId('screen-services')).toBeVisible();
  await expect(page.getByTestId('services-empty')).toContainText('Nothing is watched yet');
  await expect(page.getByTestId('presets')).toBeVisible();
});

test('the heartbeat preset shows the exact URL and curl call the bot sends, and that call is a beat', async ({
  page,
}) => {
  await openScreen(page, session, 'services');
  await page.getByTestId('preset-heartbeat').click();
  await expect(page.getByTestId('svc-name')).toHaveValue('my-bot');
  const url = `${session.server.origin}/v1/heartbeats/my-bot`;
  await expect(page.getByTestId('heartbeat-url')).toHaveText(url);
  await expect(page.getByTestId('heartbeat-curl')).toHaveText(
    `curl -X POST -H "Authorization: Bearer $HALTWATCH_TOKEN" ${url}`,
  );
  await expect(page.getByTestId('heartbeat-client')).toContainText('haltwatch.heartbeat("my-bot")');
  await page.getByTestId('svc-name').fill('night bot');
  await expect(page.getByTestId('heartbeat-url')).toHaveText(
    `${session.server.origin}/v1/heartbeats/night%20bot`,
  );
  // What the page tells the bot to do works as told.
  const beat = await fetch(`${session.server.origin}/v1/heartbeats/night%20bot`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.server.token}` },
  });
  expect(beat.status).toBe(200);
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('every starter preset is added from the UI alone: it fills the form, the person saves', async ({
  page,
}) => {
  await openScreen(page, session, 'services');
  for (const preset of SERVICE_PRESETS) {
    const before = savedServices().length;
    await page.getByTestId(`preset-${preset.id}`).click();
    const editor = page.getByTestId('service-editor');
    await expect(editor.getByRole('heading')).toHaveText(`Add a service: ${preset.title}`);
    await expect(page.getByTestId('preset-note')).toHaveText(preset.note);
    const name = await page.getByTestId('svc-name').inputValue();
    expect(name.startsWith(preset.service.name)).toBe(true);
    // Nothing is marked wrong before the person acts.
    await expect(editor.locator('.field-error')).toHaveCount(0);
    await keepItLocal(page, preset.service.kind);
    await page.getByTestId('svc-save').click();
    await expect(page.getByTestId('service-editor')).toHaveCount(0);
    await expect(page.getByTestId(`service-row-${name}`)).toBeVisible();
    const saved = savedServices();
    expect(saved).toHaveLength(before + 1);
    const added = saved.at(-1)!;
    expect(added).toMatchObject({ name, kind: preset.service.kind, criticality: preset.service.criticality });
  }
  const saved = savedServices();
  expect(saved.map((s) => s.name)).toEqual([
    'broker',
    'broker 2',
    'broker 3',
    'broker 4',
    'quotes',
    'cache',
    'db',
    'llm',
    'llm 2',
    'my-bot',
  ]);
  // The presets keep their credentials as references only.
  expect(saved.find((s) => s.name === 'broker')?.headers).toEqual({
    'APCA-API-KEY-ID': { secret: 'ALPACA_KEY_ID' },
    'APCA-API-SECRET-KEY': { secret: 'ALPACA_SECRET_KEY' },
  });
  expect(saved.find((s) => s.name === 'broker 2')).toMatchObject({
    method: 'POST',
    jsonPath: '$.authenticated',
    jsonEquals: true,
  });

  // Once something is watched, the board shows the level again.
  await page.getByTestId('nav-board').click();
  await expect(page.getByTestId('first-run')).toHaveCount(0);
  await expect(page.getByTestId('level-banner')).toBeVisible();
});
