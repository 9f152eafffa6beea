import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadServices } from '../../../electron/core/config/services.ts';
import { openSettings } from '../../../electron/core/config/settings.ts';

let dir: string;
const now = () => Date.UTC(2026, 10, 23, 15, 0);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-config-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the services file', () => {
  it('is empty, not an error, when missing', () => {
    const loaded = loadServices(path.join(dir, 'services.json'), now);
    expect(loaded.problem).toBeNull();
    expect(loaded.services).toEqual([]);
  });

  it('applies defaults to a minimal service', () => {
    const file = path.join(dir, 'services.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ services: [{ name: 'broker', kind: 'http', url: 'http://127.0.0.1:9/health' }] }),
    );
    const loaded = loadServices(file, now);
    expect(loaded.problem).toBeNull();
    expect(loaded.services[0]).toMatchObject({
      name: 'broker',
      timeoutMs: 5000,
      criticality: 'important',
      enabled: true,
    });
  });

  it('names the file and the field of a schema error and keeps the bad file untouched', () => {
    const file = path.join(dir, 'services.json');
    const text = JSON.stringify({
      services: [{ name: 'broker', kind: 'http', url: 'ftp://x', timeoutMs: 2000 }],
    });
    fs.writeFileSync(file, text);
    const loaded = loadServices(file, now);
    expect(loaded.services).toEqual([]);
    expect(loaded.problem?.message).toContain(file);
    expect(loaded.problem?.issues.map((i) => i.path)).toContain('services[0].url');
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(loaded.problem?.keptAt).toBeTruthy();
    expect(fs.readFileSync(loaded.problem?.keptAt ?? '', 'utf8')).toBe(text);
  });

  it('reports malformed JSON with the file name', () => {
    const file = path.join(dir, 'services.json');
    fs.writeFileSync(file, '{"services": [');
    const loaded = loadServices(file, now);
    expect(loaded.problem?.message).toMatch(/services\.json: not valid JSON/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"services": [');
  });

  it('rejects duplicate names', () => {
    const file = path.join(dir, 'services.json');
    const s = { kind: 'http', url: 'http://127.0.0.1:9/' };
    fs.writeFileSync(
      file,
      JSON.stringify({
        services: [
          { ...s, name: 'a' },
          { ...s, name: 'A' },
        ],
      }),
    );
    expect(loadServices(file, now).problem?.message).toContain('duplicate service name "A"');
  });
});

describe('settings', () => {
  it('uses defaults when missing and saves an update', () => {
    const settings = openSettings(dir, now);
    expect(settings.get().api.port).toBe(17321);
    settings.update({ theme: 'dark' });
    expect(openSettings(dir, now).get().theme).toBe('dark');
  });

  it('refuses an invalid update with the field named, keeping the old value', () => {
    const settings = openSettings(dir, now);
    expect(() => settings.update({ api: { port: 80 } })).toThrow(/api\.port: at least 1024, got 80/);
    expect(settings.get().api.port).toBe(17321);
  });

  it('falls back to defaults on a bad file, keeps a copy, and only replaces it when the user saves', () => {
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, '{"theme": "purple"}');
    const settings = openSettings(dir, now);
    expect(settings.get().theme).toBe('system');
    expect(settings.problem?.issues[0]?.path).toBe('theme');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"theme": "purple"}');
    const kept = settings.problem?.keptAt ?? '';
    settings.update({ theme: 'light' });
    expect(settings.problem).toBeNull();
    expect(fs.readFileSync(kept, 'utf8')).toBe('{"theme": "purple"}');
    expect(openSettings(dir, now).get().theme).toBe('light');
  });
});
