import type { SecretResolver } from './resolver.ts';

/** Where secrets entered in the UI are kept: the OS keychain in the app, an owner-only file headless. */
export interface SecretVault extends SecretResolver {
  /** Said to the user: where a saved secret goes. */
  readonly location: string;
  set(name: string, value: string): Promise<void>;
  /** True when there was such a secret. */
  delete(name: string): Promise<boolean>;
}
