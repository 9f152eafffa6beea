import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { REPO_ROOT, startServe, type ServeProcess } from '../../helpers/haltwatch-process.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';

/** A real `haltwatch serve` on a temporary data folder, watching local HTTP fixtures. */
export interface Session {
  server: ServeProcess;
  dataDir: string;
  fixtures: Record<string, HttpFixture>;
  /** A contract call over the HTTP transport, as the dashboard makes it. */
  rpc<T = unknown>(method: string, input?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export interface FixtureService {
  name: string;
  criticality?: 'critical' | 'important' | 'informational';
  breaker?: Record<string, unknown>;
  /** A healthy answer slower than this is reported as slow. */
  slowMs?: number;
  /** Maintenance windows, as in the services file. */
  maintenance?: unknown[];
}

/** `serveArgs`: extra options for `haltwatch serve` (e.g. --allow-remote-commands). */
export async function startSession(
  services: FixtureService[],
  seed?: (dataDir: string) => void,
  serveArgs: string[] = [],
): Promise<Session> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-e2e-'));
  const fixtures: Record<string, HttpFixture> = {};
  for (const s of services) fixtures[s.name] = await startHttpFixture();
  const config = {
    services: services.map((s) => ({
      name: s.name,
      kind: 'http',
      url: fixtures[s.name]!.url,
      timeoutMs: 2000,
      criticality: s.criticality ?? 'important',
      ...(s.breaker ? { breaker: s.breaker } : {}),
      ...(s.slowMs ? { slowMs: s.slowMs } : {}),
      ...(s.maintenance ? { maintenance: s.maintenance } : {}),
    })),
  };
  fs.writeFileSync(path.join(dataDir, 'services.json'), JSON.stringify(config));
  seed?.(dataDir);
  const server = await startServe(dataDir, serveArgs);
  const rpc = async <T>(method: string, input: unknown = {}): Promise<T> => {
    const response = await fetch(`${server.origin}/api/rpc/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify(input),
    });
    const outcome = (await response.json()) as { ok: boolean; result?: T; error?: { message: string } };
    if (!outcome.ok) throw new Error(`${method}: ${outcome.error?.message}`);
    return outcome.result as T;
  };
  return {
    server,
    dataDir,
    fixtures,
    rpc,
    async stop() {
      await server.stop();
      await Promise.all(Object.values(fixtures).map((f) => f.stop()));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens a screen of the dashboard by its hash route. */
export async function openScreen(page: Page, session: Session, screen: string): Promise<void> {
  await page.goto(`${session.server.url}#/${screen}`);
  await page.getByTestId(`screen-${screen}`).waitFor();
}

/**
 * Saves a full-page screenshot as a test artifact; `readme: true` also copies it to
 * docs/screenshots/ for the README when HALTWATCH_REFRESH_SCREENSHOTS=1 (every run renders a few
 * pixels differently, so a plain test run leaves the committed pictures alone).
 */
export async function screenshot(
  page: Page,
  info: TestInfo,
  name: string,
  options: { readme?: boolean } = {},
): Promise<void> {
  const file = info.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  if (options.readme && process.env.HALTWATCH_REFRESH_SCREENSHOTS === '1') {
    const dir = path.join(REPO_ROOT, 'docs', 'screenshots');
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(file, path.join(dir, `${name}.png`));
  }
}
