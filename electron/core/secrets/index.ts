export {
  type SecretResolver,
  chainSecrets,
  staticSecrets,
  requireSecret,
  MissingSecretError,
} from './resolver.ts';
export { envSecrets, SECRET_ENV_PREFIX } from './env-secrets.ts';
export { fileSecrets, SecretsFileError } from './file-secrets.ts';
export { redact, redactor, type Redactor } from './redact.ts';
