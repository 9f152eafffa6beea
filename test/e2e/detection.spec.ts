import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { confirmVerdict } from '../../shared/confirm-rule.ts';
import type { EngineStatus } from '../../shared/status.ts';
import { startServe, type ServeProcess } from '../helpers/haltwatch-process.ts';
import { startHttpFixture, type HttpFixture } from '../helpers/servers/http-fixture.ts';
import { writeServicesFile } from '../helpers/services-file.ts';

/**
 * Real time, short intervals: services probed every 5 s, a failure re-probed after 1 s, heartbeats
 * looked at every second, HALT confirmable 3 s after the signals are healthy.
 */
const SETTINGS = {
  monitoring: {
    sessionIntervalSeconds: 5,
    offSessionIntervalSeconds: 5,
    heartbeatIntervalSeconds: 1,
    confirmRetrySeconds: 1,
    jitterPct: 0,
  },
  thresholds: { cooldownMs: { alert: 1_000, throttle: 1_000, halt: 3_000 } },
};

let dataDir: string;
let broker: HttpFixture;
let server: ServeProcess;
/** The bot's heartbeat while the first test runs; the second test needs it dead. */
let beat: NodeJS.Timeout | undefined;

async function api<T>(
  method: string,
  pathName: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.origin}${pathName}`, {
    method,
    headers: {
      authorization: `Bearer ${server.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const status = async () => (await api<EngineStatus>('GET', '/v1/status')).body;
const mayOpen = async () => (await api<{ allowed: boolean }>('GET', '/v1/gate?action=open')).body.allowed;

async function until(what: () => Promise<boolean>, limitMs: number): Promise<number> {
  const start = Date.now();
  while (!(await what())) {
    if (Date.now() - start > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - start;
}

const tabLevel = (page: Page) => page.locator('link[rel="icon"]').getAttribute('data-level');

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-e2e-detection-'));
  broker = await startHttpFixture();
  writeServicesFile(dataDir, [
    { name: 'broker', kind: 'http', url: broker.url, timeoutMs: 2000, criticality: 'critical' },
    { name: 'bot', kind: 'heartbeat', graceSeconds: 3, criticality: 'critical' },
  ]);
  fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify(SETTINGS));
  server = await startServe(dataDir);
  beat = setInterval(() => void api('POST', '/v1/heartbeats/bot').catch(() => {}), 500);
});

test.afterAll(async () => {
  clearInterval(beat);
  await server?.stop();
  await broker?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a failing critical broker stops opens by itself, and the board, tab and confirm button follow', async ({
  page,
}) => {
  test.setTimeout(90_000);
  try {
    await page.goto(server.url);
    await until(async () => (await status()).services.every((s) => s.last?.ok === true), 15_000);
    await expect(page.getByTestId('level-name')).toHaveText('NORMAL');
    await expect(page).toHaveTitle('✓ NORMAL — Haltwatch');

    // No check is run by hand: the interval probes find it.
    broker.setMode({ status: 500 });
    const tookMs = await until(async () => !(await mayOpen()), 30_000);
    // At most one interval (5 s) to the first failed probe, one retry (1 s) to confirm it.
    expect(tookMs).toBeLessThan(12_000);
    await expect(page.getByTestId('level-name')).toHaveText('HALT');
    // Probed on at HALT, the streak grows, and after 5 failures its breaker opens too.
    await expect(page.getByTestId('level-cause')).toHaveText(
      /^broker (failed probes in a row \d+ \(threshold 2\)|breaker open \(critical service\))$/,
    );
    await expect(page.getByTestId('service-broker').getByTestId('level-cause-flag')).toContainText(
      'Cause of the HALT level',
    );
    await expect(page).toHaveTitle('■ HALT — Haltwatch');
    expect(await tabLevel(page)).toBe('HALT');

    // The broker is back: HALT becomes confirmable 3 s later, and the button says so in that second.
    broker.setMode('healthy');
    await until(async () => (await status()).causes.length === 0, 15_000);
    const s = await status();
    const verdict = confirmVerdict(s.confirm, Date.now());
    expect(verdict).toMatchObject({ ok: false });
    const at = verdict.ok ? Date.now() : verdict.at!;
    await page.getByTestId('nav-controls').click();
    const button = page.getByTestId('confirm-halt');
    await expect(button).toBeDisabled();
    await expect(page.getByTestId('confirm-why')).toContainText("HALT's cooldown ends at");
    if (at - Date.now() > 1_500) {
      const early = await api<{ error: { message: string } }>('POST', '/v1/confirm', { reason: 'too early' });
      expect(early.status).toBe(409);
    }
    await expect(button).toBeEnabled({ timeout: 10_000 });
    const enabledAt = Date.now();
    expect(Math.abs(enabledAt - at)).toBeLessThan(1_000);
    await button.click();
    await page.getByTestId('reason-input').fill('broker back, fills checked');
    await page.getByTestId('dialog-confirm').click();
    await expect(page.getByTestId('controls-level')).toContainText('THROTTLE');

    // The override: trading off whatever the level, said first on the banner and in the tab.
    await api('POST', '/v1/override', { enabled: true, reason: 'checking positions' });
    await page.getByTestId('nav-board').click();
    await expect(page.getByTestId('effective-state')).toContainText('TRADING OFF (override)');
    await expect(page.getByTestId('level-name')).toHaveText(/THROTTLE|ALERT|NORMAL/);
    await expect(page).toHaveTitle(/^✕ TRADING OFF \(override, (THROTTLE|ALERT|NORMAL)\) — Haltwatch$/);
    expect(await tabLevel(page)).toBe('override');
    await api('POST', '/v1/override', { enabled: false, reason: 'done checking' });
    await expect(page.getByTestId('effective-state')).toHaveCount(0);
  } finally {
    clearInterval(beat);
  }
});

test('after the broker was reset, the banner names the dead heartbeat, not the broker', async ({ page }) => {
  test.setTimeout(60_000);
  await api('POST', '/v1/recover', { reason: 'start of the heartbeat test' });
  await page.goto(server.url);
  broker.setMode({ status: 500 });
  await until(
    async () => (await status()).services.find((s) => s.name === 'broker')?.breaker.state === 'OPEN',
    40_000,
  );
  // The bot has stopped beating (the last test's beats ended); the operator fixes and resets the broker.
  broker.setMode('healthy');
  await page.getByTestId('nav-controls').click();
  await page.getByTestId('reset-broker').click();
  await page.getByTestId('reason-input').fill('broker fixed');
  await page.getByTestId('dialog-confirm').click();
  await until(async () => {
    const s = await status();
    return s.cause?.service === 'bot' && s.services.find((x) => x.name === 'broker')?.failures === 0;
  }, 20_000).catch(async (error: unknown) => {
    throw new Error(`${String(error)}: ${JSON.stringify(await status())}`);
  });
  await page.getByTestId('nav-board').click();
  await expect(page.getByTestId('level-name')).toHaveText('HALT');
  // The dead heartbeat holds HALT: by its failed looks, and once 5 failed, by its breaker too.
  await expect(page.getByTestId('level-cause')).toHaveText(
    /^bot (failed probes in a row \d+ \(threshold 2\)|breaker open \(critical service\))$/,
  );
  await expect(page.getByTestId('service-bot').getByTestId('level-cause-flag')).toBeVisible();
  await expect(page.getByTestId('service-broker').getByTestId('level-cause-flag')).toHaveCount(0);
  await expect(page.getByTestId('bot-signals')).toContainText('Order failure streak');
});
