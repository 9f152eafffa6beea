import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chainSecrets,
  envSecrets,
  fileSecrets,
  redact,
  staticSecrets,
} from '../../../electron/core/secrets/index.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'haltwatch-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function secretsFile(content: string, mode: number): string {
  const file = path.join(dir, 'secrets.json');
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}

describe('headless secret resolvers', () => {
  it('reads HALTWATCH_SECRET_<NAME> from the environment', () => {
    const secrets = envSecrets({
      HALTWATCH_SECRET_BROKER_KEY: 'k-1',
      HALTWATCH_SECRET_EMPTY: '',
      PATH: '/bin',
    });
    expect(secrets.get('BROKER_KEY')).toBe('k-1');
    expect(secrets.get('broker_key')).toBe('k-1');
    expect(secrets.get('EMPTY')).toBeUndefined();
    expect(secrets.names()).toEqual(['BROKER_KEY']);
  });

  it('reads a 0600 JSON file', () => {
    const secrets = fileSecrets(secretsFile('{"OPENAI_KEY": "sk-1", "PG": "pw"}', 0o600));
    expect(secrets.get('OPENAI_KEY')).toBe('sk-1');
    expect(secrets.names()).toEqual(['OPENAI_KEY', 'PG']);
  });

  it('refuses a file others can read, saying how to fix it', () => {
    const file = secretsFile('{"K": "v"}', 0o644);
    expect(() => fileSecrets(file)).toThrow(
      `secrets file ${file} has mode 0644: it must be readable by its owner only (chmod 600 ${file})`,
    );
    expect(() => fileSecrets(secretsFile('{"K": "v"}', 0o640))).toThrow(/has mode 0640/);
  });

  it('never quotes the file when it is malformed', () => {
    const broken = secretsFile('{"K": sk-live-should-not-leak', 0o600);
    expect(() => fileSecrets(broken)).toThrow(/is not valid JSON/);
    try {
      fileSecrets(broken);
    } catch (err) {
      expect(String(err)).not.toContain('sk-live');
    }
    const wrongShape = secretsFile('{"K": 42, "bad name": "sk-live-x"}', 0o600);
    expect(() => fileSecrets(wrongShape)).toThrow(/must be an object of "NAME": "value" strings/);
    expect(() => fileSecrets(path.join(dir, 'missing.json'))).toThrow(/cannot read secrets file .*: ENOENT/);
  });

  it('chains resolvers, first one wins', () => {
    const secrets = chainSecrets(
      staticSecrets({ A: 'app' }),
      envSecrets({ HALTWATCH_SECRET_A: 'env', HALTWATCH_SECRET_B: 'b' }),
    );
    expect(secrets.get('A')).toBe('app');
    expect(secrets.get('B')).toBe('b');
    expect(secrets.names().sort()).toEqual(['A', 'B']);
  });
});

describe('redact', () => {
  const secrets = staticSecrets({ TOKEN: 'p@ss word/1', LONG: 'abcdef-123456', SHORT: 'abcdef' });

  it('replaces the plain, URL-encoded, JSON-escaped and base64 forms', () => {
    expect(redact('auth p@ss word/1 end', secrets)).toBe('auth [secret TOKEN] end');
    expect(redact('https://x/?k=p%40ss%20word%2F1', secrets)).toBe('https://x/?k=[secret TOKEN]');
    expect(redact(`Basic ${Buffer.from('p@ss word/1').toString('base64')}`, secrets)).toBe(
      'Basic [secret TOKEN]',
    );
  });

  it('replaces a longer secret whole before one it contains', () => {
    expect(redact('abcdef-123456 and abcdef', secrets)).toBe('[secret LONG] and [secret SHORT]');
  });
});
