import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/core/dispatcher.ts';
import type { CallOutcome } from '../../../shared/contract.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { openBotApi, type BotApi } from '../bot-api/harness.ts';
import { rpc } from './http.ts';

const SECRET = 'sk-live-SUPERSECRET-0123456789';
let api: BotApi | null = null;
let marker: string;
beforeEach(() => {
  marker = '';
});
afterEach(async () => {
  await api?.close();
  api = null;
});

/** The desktop window's calls: IPC's context, through the same dispatcher. */
function desktop(bot: BotApi) {
  const dispatch = createDispatcher(bot.monitor.handlers, () => {});
  return async (method: string, input: unknown): Promise<CallOutcome> =>
    dispatch(method, input, { actor: 'desktop', commandsAndSecrets: true });
}

/** A command service that leaves a file behind when it runs. */
function commandService(bot: BotApi) {
  marker = path.join(bot.dataDir, 'command-ran');
  return {
    name: 'script',
    kind: 'command',
    command: process.execPath,
    args: ['-e', 'require("fs").writeFileSync(process.argv[1], "ran")', marker],
  };
}

describe('command services over HTTP', () => {
  it('are refused (403) for adding, editing and testing; nothing runs, nothing is written', async () => {
    const bot = (api = await openBotApi());
    const service = commandService(bot);
    const servicesBefore = fs.readFileSync(path.join(bot.dataDir, 'services.json'), 'utf8');
    for (const [method, input] of [
      ['services.test', { service }],
      ['services.save', { service }],
    ] as const) {
      const answer = await rpc(bot, method, input);
      expect(answer.status, method).toBe(403);
      expect(answer.body.error?.code).toBe('forbidden');
      expect(answer.body.error?.message).toContain('--allow-remote-commands');
    }
    expect(fs.existsSync(marker)).toBe(false);
    expect(fs.readFileSync(path.join(bot.dataDir, 'services.json'), 'utf8')).toBe(servicesBefore);

    // Saved from the desktop, it may not be edited into something else over HTTP either.
    expect((await desktop(bot)('services.save', { service: { ...service, args: ['-e', '0'] } })).ok).toBe(
      true,
    );
    const edit = await rpc(bot, 'services.save', {
      service: { name: 'script', kind: 'tcp', host: '127.0.0.1', port: 9 },
      previousName: 'script',
    });
    expect(edit.status).toBe(403);
    expect(bot.monitor.config.configuredServices.map((s) => s.kind)).toEqual(['command']);
  });

  it('run from the desktop window, and over HTTP only with --allow-remote-commands', async () => {
    let bot = (api = await openBotApi());
    const tested = await desktop(bot)('services.test', { service: commandService(bot) });
    expect(tested).toMatchObject({ ok: true, result: { outcome: 'ok' } });
    expect(fs.readFileSync(marker, 'utf8')).toBe('ran');
    await bot.close();
    bot = api = await openBotApi({ server: { allowRemoteCommands: true } });
    const remote = await rpc(bot, 'services.test', { service: commandService(bot) });
    expect(remote.status).toBe(200);
    expect(fs.readFileSync(marker, 'utf8')).toBe('ran');
  });
});

describe('secrets', () => {
  let fixtures: HttpFixture[] = [];
  afterEach(async () => {
    await Promise.all(fixtures.map((f) => f.stop()));
    fixtures = [];
  });

  it('are set and deleted over HTTP only with --allow-remote-commands; the audit names the actor, never the value', async () => {
    const bot = (api = await openBotApi());
    expect((await rpc(bot, 'secrets.set', { name: 'BROKER_KEY', value: SECRET })).status).toBe(403);
    expect((await desktop(bot)('secrets.set', { name: 'BROKER_KEY', value: SECRET })).ok).toBe(true);
    expect((await rpc(bot, 'secrets.delete', { name: 'BROKER_KEY' })).status).toBe(403);
    expect(bot.monitor.secrets.vault?.names()).toEqual(['BROKER_KEY']);
    const rows = bot.monitor.store.audit({ kinds: ['manual'] }).rows;
    expect(rows.map((r) => (r.kind === 'manual' ? [r.action, r.actor] : null))).toEqual([
      ['secret_set', 'desktop'],
    ]);
    expect(JSON.stringify(rows)).not.toContain(SECRET);
  });

  it('a reference the kind cannot do without (an LLM key) makes a move to another host a refusal', async () => {
    const bot = (api = await openBotApi());
    const llm = (baseUrl: string) => ({
      name: 'llm',
      kind: 'llm',
      provider: 'openai',
      baseUrl,
      apiKey: { secret: 'OPENAI_KEY' },
      enabled: false,
    });
    expect((await desktop(bot)('services.save', { service: llm('https://api.openai.com') })).ok).toBe(true);
    const moved = await rpc(bot, 'services.save', {
      service: llm('https://collector.attacker.example'),
      previousName: 'llm',
    });
    expect(moved.status).toBe(409);
    expect(moved.body.error?.message).toContain(
      'apiKey (secret OPENAI_KEY): not sent to collector.attacker.example',
    );
    const saved = bot.monitor.config.configuredServices[0] as { baseUrl?: string };
    expect(saved.baseUrl).toBe('https://api.openai.com');
  });

  it('go only to the host they were saved with: a moved service loses them until the value is entered again', async () => {
    const bot = (api = await openBotApi());
    const saved = await startHttpFixture();
    const elsewhere = await startHttpFixture({ mode: 'echo' });
    fixtures = [saved, elsewhere];
    const call = desktop(bot);
    const broker = (url: string) => ({
      name: 'broker',
      kind: 'http',
      url,
      headers: { Authorization: { secret: 'BROKER_KEY' } },
    });
    expect((await call('secrets.set', { name: 'BROKER_KEY', value: SECRET })).ok).toBe(true);
    expect((await call('services.save', { service: broker(saved.url) })).ok).toBe(true);
    await bot.monitor.engine.runCheck({ reason: 'manual' });
    expect(saved.requests.at(-1)?.headers.authorization).toBe(SECRET);

    // Tested against another host (even one the operator could point anywhere): refused, nothing sent.
    const test = await rpc(bot, 'services.test', { service: { ...broker(elsewhere.url), name: 'probe' } });
    expect(test.status).toBe(409);
    expect(test.body.error?.message).toContain('headers.Authorization (secret BROKER_KEY)');
    expect(elsewhere.requests).toHaveLength(0);

    // Moved to another host: saved without the reference, and the answer says so.
    const moved = await rpc(bot, 'services.save', { service: broker(elsewhere.url), previousName: 'broker' });
    expect(moved.status).toBe(200);
    const result = moved.body.result as { service: { headers: Record<string, unknown> }; notice: string };
    expect(result.service.headers).toEqual({});
    expect(result.notice).toMatch(
      /headers\.Authorization \(secret BROKER_KEY\): not sent to 127\.0\.0\.1:\d+/,
    );
    expect(result.notice).toContain('enter the secret’s value again');
    await bot.monitor.engine.runCheck({ reason: 'manual' });
    expect(elsewhere.requests.length).toBeGreaterThan(0);
    expect(JSON.stringify(elsewhere.requests)).not.toContain(SECRET);
    const changed = bot.monitor.store
      .audit({ kinds: ['manual'] })
      .rows.find((r) => 'action' in r && r.action === 'service_changed');
    expect(changed).toMatchObject({ actor: 'dashboard (http)', details: { droppedSecrets: 'BROKER_KEY' } });

    // The value entered again at the desk: the next save may send it to the new host.
    expect((await call('secrets.set', { name: 'BROKER_KEY', value: SECRET })).ok).toBe(true);
    const again = await rpc(bot, 'services.save', { service: broker(elsewhere.url), previousName: 'broker' });
    expect((again.body.result as { notice: string | null }).notice).toBeNull();
    await bot.monitor.engine.runCheck({ reason: 'manual' });
    expect(elsewhere.requests.at(-1)?.headers.authorization).toBe(SECRET);
  });
});
