import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli.ts';
import type { CliIo } from '../../../electron/cli/io.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';

let dataDir: string;
let service: HttpFixture;

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    env: {},
    out: (text: string) => void (io.stdout += `${text}\n`),
    err: (text: string) => void (io.stderr += `${text}\n`),
  };
  return io;
}

function writeServices(content: string) {
  fs.writeFileSync(path.join(dataDir, 'services.json'), content);
}

const run = (io: CliIo, ...args: string[]) =>
  main(['node', 'haltwatch', 'check', '--data-dir', dataDir, ...args], io);

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-cli-'));
  service = await startHttpFixture();
  writeServices(
    JSON.stringify({ services: [{ name: 'broker', kind: 'http', url: service.url, timeoutMs: 1000 }] }),
  );
});

afterEach(async () => {
  await service.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('haltwatch check', () => {
  it('exits 0 and prints one JSON entry per service when all are healthy', async () => {
    const io = capture();
    expect(await run(io, '--json')).toBe(0);
    const entries = JSON.parse(io.stdout) as {
      name: string;
      ok: boolean;
      latencyMs: number;
      reason: string;
    }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ name: 'broker', ok: true });
    expect(typeof entries[0]?.latencyMs).toBe('number');
    expect(typeof entries[0]?.reason).toBe('string');
  });

  it('exits 1 and names the failure when a service fails', async () => {
    service.setMode({ status: 503 });
    const io = capture();
    expect(await run(io)).toBe(1);
    expect(io.stdout).toMatch(/broker\s+FAIL/);
    expect(io.stdout).toContain('503');
  });

  it('moves the level at a critical service’s first failure and HALTs at the second, saying why', async () => {
    writeServices(
      JSON.stringify({
        services: [
          { name: 'broker', kind: 'http', url: service.url, timeoutMs: 1000, criticality: 'critical' },
        ],
      }),
    );
    service.setMode({ status: 500 });
    const first = capture();
    expect(await run(first)).toBe(1);
    expect(first.stdout).toContain('Level: ALERT (cause: broker failed probes in a row 1 (threshold 2))');
    const second = capture();
    expect(await run(second)).toBe(1);
    expect(second.stdout).toContain('Level: HALT (cause: broker failed probes in a row 2 (threshold 2))');
  });

  it('exits 2 on a bad services file, naming the file and the field, and keeps the file', async () => {
    const bad = JSON.stringify({ services: [{ name: 'broker', kind: 'http', url: 'not a url' }] });
    writeServices(bad);
    const io = capture();
    expect(await run(io)).toBe(2);
    expect(io.stderr).toContain(path.join(dataDir, 'services.json'));
    expect(io.stderr).toContain('services[0].url');
    expect(fs.readFileSync(path.join(dataDir, 'services.json'), 'utf8')).toBe(bad);
  });

  it('exits 2 on an unknown option and when nothing is configured', async () => {
    expect(await run(capture(), '--bogus')).toBe(2);
    writeServices('{"services":[]}');
    const io = capture();
    expect(await run(io)).toBe(2);
    expect(io.stderr).toContain('no services');
  });

  it('uses --config instead of the data folder’s services file', async () => {
    const other = path.join(dataDir, 'other.json');
    fs.writeFileSync(
      other,
      JSON.stringify({ services: [{ name: 'quotes', kind: 'tcp', host: '127.0.0.1', port: service.port }] }),
    );
    const io = capture();
    expect(await run(io, '--config', other, '--json')).toBe(0);
    expect(JSON.parse(io.stdout)[0].name).toBe('quotes');
  });
});
