import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { headlessSecrets } from '../../../electron/core/config/headless-secrets.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-secrets-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('headless secrets', () => {
  it('read the environment first, then secrets.json in the data folder', () => {
    fs.writeFileSync(
      path.join(dir, 'secrets.json'),
      JSON.stringify({ BROKER: 'from-file', LLM: 'file-llm' }),
      { mode: 0o600 },
    );
    const { resolver, problem } = headlessSecrets(dir, { HALTWATCH_SECRET_BROKER: 'from-env' });
    expect(problem).toBeNull();
    expect(resolver.get('BROKER')).toBe('from-env');
    expect(resolver.get('LLM')).toBe('file-llm');
  });

  it('refuse a secrets file others can read, without quoting it, and keep the environment', () => {
    fs.writeFileSync(path.join(dir, 'secrets.json'), JSON.stringify({ BROKER: 'hunter2-secret' }), {
      mode: 0o644,
    });
    fs.chmodSync(path.join(dir, 'secrets.json'), 0o644);
    const { resolver, problem } = headlessSecrets(dir, { HALTWATCH_SECRET_LLM: 'x' });
    expect(problem?.message).toContain('chmod 600');
    expect(problem?.message).not.toContain('hunter2');
    expect(resolver.get('LLM')).toBe('x');
    expect(resolver.get('BROKER')).toBeUndefined();
  });

  it('save to the file given by HALTWATCH_SECRETS_FILE, creating it owner-only', async () => {
    const file = path.join(dir, 'elsewhere.json');
    const { vault, problem, resolver } = headlessSecrets(dir, { HALTWATCH_SECRETS_FILE: file });
    expect(problem).toBeNull();
    expect(vault?.location).toContain(file);
    await vault?.set('LLM', 'value-1');
    expect(resolver.get('LLM')).toBe('value-1');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuse saving when the file is unusable', () => {
    fs.writeFileSync(path.join(dir, 'secrets.json'), '{}', { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'secrets.json'), 0o644);
    expect(headlessSecrets(dir, {}).vault).toBeNull();
  });
});
