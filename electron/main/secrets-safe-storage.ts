import { safeStorage } from 'electron';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { SecretVault } from '../core/secrets/vault.ts';
import { secretName } from '../../shared/services.ts';

/** The part of Electron's safeStorage this store uses (the async API; the sync one is deprecated). */
export type SafeStoragePort = Pick<
  Electron.SafeStorage,
  'encryptStringAsync' | 'decryptStringAsync' | 'isAsyncEncryptionAvailable'
>;

const storeFileSchema = z
  .object({ version: z.literal(1), secrets: z.record(secretName, z.string()) })
  .strict();
const secretValue = z.string().min(1, 'a secret value is required').max(16_384, 'at most 16384 characters');

/**
 * API keys entered in the app, encrypted by the OS keychain through safeStorage, stored as base64
 * blobs in a JSON file (mode 0600) in the data folder. Decrypted values live only in memory.
 */
/** The file in the data folder that holds the encrypted blobs. */
export const KEYCHAIN_SECRETS_FILE = 'secrets.keychain.json';

export class SafeStorageSecrets implements SecretVault {
  readonly location = 'the system keychain (encrypted with Electron safeStorage)';
  private readonly file: string;
  private readonly storage: SafeStoragePort;
  private readonly blobs: Record<string, string>;
  private readonly values = new Map<string, string>();

  private constructor(file: string, storage: SafeStoragePort, blobs: Record<string, string>) {
    this.file = file;
    this.storage = storage;
    this.blobs = blobs;
  }

  static async open(file: string, storage: SafeStoragePort = safeStorage): Promise<SafeStorageSecrets> {
    let blobs: Record<string, string> = {};
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (text !== undefined) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new Error(`secret store ${file} is not valid JSON`);
      }
      const parsed = storeFileSchema.safeParse(json);
      if (!parsed.success)
        throw new Error(`secret store ${file} is not a Haltwatch secret store (version 1)`);
      blobs = parsed.data.secrets;
    }
    const store = new SafeStorageSecrets(file, storage, { ...blobs });
    let reEncrypt = false;
    for (const [name, blob] of Object.entries(blobs)) {
      const { result, shouldReEncrypt } = await storage.decryptStringAsync(Buffer.from(blob, 'base64'));
      store.values.set(name, result);
      reEncrypt ||= shouldReEncrypt;
    }
    // The OS rotated the key: write everything again under the new one.
    if (reEncrypt) for (const [name, value] of store.values) await store.set(name, value);
    return store;
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  names(): string[] {
    return [...this.values.keys()];
  }

  async set(name: string, value: string): Promise<void> {
    const validName = secretName.safeParse(name);
    if (!validName.success)
      throw new Error(`secret name ${JSON.stringify(name)}: ${validName.error.issues[0]?.message}`);
    // The message never includes the value.
    const validValue = secretValue.safeParse(value);
    if (!validValue.success) throw new Error(`secret "${name}": ${validValue.error.issues[0]?.message}`);
    if (!(await this.storage.isAsyncEncryptionAvailable()))
      throw new Error('the system keychain is not available, so secrets cannot be stored encrypted');
    const blob = await this.storage.encryptStringAsync(value);
    this.blobs[name] = blob.toString('base64');
    this.values.set(name, value);
    await this.save();
  }

  async delete(name: string): Promise<boolean> {
    if (!this.values.has(name)) return false;
    delete this.blobs[name];
    this.values.delete(name);
    await this.save();
    return true;
  }

  /** Write-then-rename, so a crash never leaves half a store. */
  private async save(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify({ version: 1, secrets: this.blobs }, null, 2)}\n`, {
      mode: 0o600,
    });
    await rename(temp, this.file);
  }
}
