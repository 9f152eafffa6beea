import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the OS keychain: reversible, but visibly not plain text. */
const keychain = vi.hoisted(() => ({
  available: true,
  rotate: false,
  encrypt: (text: string) => Buffer.from(`enc:${Buffer.from(text).toString('hex')}`),
  decrypt: (blob: Buffer) => Buffer.from(blob.toString().split(':')[1] ?? '', 'hex').toString(),
}));

vi.mock('electron', () => ({
  safeStorage: {
    isAsyncEncryptionAvailable: async () => keychain.available,
    encryptStringAsync: async (text: string) => keychain.encrypt(text),
    decryptStringAsync: async (blob: Buffer) => ({
      result: keychain.decrypt(blob),
      shouldReEncrypt: keychain.rotate,
    }),
  },
}));

const { SafeStorageSecrets } = await import('../../../electron/main/secrets-safe-storage.ts');

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'haltwatch-safe-'));
  file = path.join(dir, 'data', 'secrets.json');
  keychain.available = true;
  keychain.rotate = false;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SafeStorageSecrets (Electron safeStorage adapter)', () => {
  it('stores encrypted base64 blobs in a 0600 file and reads them back after a restart', async () => {
    const store = await SafeStorageSecrets.open(file);
    await store.set('OPENAI_KEY', 'sk-abc-123');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('sk-abc-123');
    expect(JSON.parse(text)).toEqual({
      version: 1,
      secrets: { OPENAI_KEY: keychain.encrypt('sk-abc-123').toString('base64') },
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const reopened = await SafeStorageSecrets.open(file);
    expect(reopened.get('OPENAI_KEY')).toBe('sk-abc-123');
    expect(reopened.names()).toEqual(['OPENAI_KEY']);
    expect(await reopened.delete('OPENAI_KEY')).toBe(true);
    expect((await SafeStorageSecrets.open(file)).get('OPENAI_KEY')).toBeUndefined();
  });

  it('refuses to store without a keychain, and bad names or values without echoing the value', async () => {
    const store = await SafeStorageSecrets.open(file);
    await expect(store.set('bad name', 'x')).rejects.toThrow(
      'secret name "bad name": a secret name is letters',
    );
    await expect(store.set('K', '')).rejects.toThrow('secret "K": a secret value is required');
    keychain.available = false;
    await expect(store.set('K', 'sk-never-plain')).rejects.toThrow('the system keychain is not available');
    expect(() => readFileSync(file)).toThrow(); // nothing written in plain text
  });

  it('re-encrypts everything when the OS rotated the key', async () => {
    await (await SafeStorageSecrets.open(file)).set('K', 'v1');
    keychain.rotate = true;
    const newKey = (text: string) => Buffer.from(`enc2:${Buffer.from(text).toString('hex')}`);
    keychain.encrypt = newKey;
    const store = await SafeStorageSecrets.open(file);
    expect(store.get('K')).toBe('v1');
    expect(JSON.parse(readFileSync(file, 'utf8')).secrets.K).toBe(newKey('v1').toString('base64'));
  });

  it('says what is wrong with a damaged store without quoting it', async () => {
    writeFileSync(path.join(dir, 'broken.json'), '{"version": 1, "secrets": {"K": sk-live-leak');
    await expect(SafeStorageSecrets.open(path.join(dir, 'broken.json'))).rejects.toThrow(
      /^secret store .* is not valid JSON$/,
    );
  });
});
