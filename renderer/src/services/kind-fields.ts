import { LLM_PROVIDERS, type ServiceKind } from '../../../shared/services.ts';

/**
 * The editor's fields per kind of probe. `secret` fields hold a reference to a stored secret, never
 * its value; `entries` fields are name → text-or-secret pairs (`keyLabel` names the key).
 */
export interface KindField {
  key: string;
  label: string;
  type: 'text' | 'number' | 'secret' | 'select' | 'entries';
  options?: readonly string[];
  keyLabel?: string;
}

export const KIND_FIELDS: Record<ServiceKind, KindField[]> = {
  http: [
    { key: 'url', label: 'URL', type: 'text' },
    { key: 'method', label: 'Method', type: 'select', options: ['GET', 'HEAD', 'POST'] },
    { key: 'headers', label: 'Request headers', type: 'entries', keyLabel: 'Header' },
    { key: 'query', label: 'Query parameters', type: 'entries', keyLabel: 'Parameter' },
  ],
  tcp: [
    { key: 'host', label: 'Host', type: 'text' },
    { key: 'port', label: 'Port', type: 'number' },
  ],
  market_data: [
    { key: 'symbol', label: 'Symbol', type: 'text' },
    { key: 'staleMinutes', label: 'Stale after (minutes)', type: 'number' },
  ],
  postgres: [
    { key: 'connectionString', label: 'Connection string (no password)', type: 'text' },
    { key: 'password', label: 'Password', type: 'secret' },
  ],
  redis: [
    { key: 'url', label: 'URL (no password)', type: 'text' },
    { key: 'password', label: 'Password', type: 'secret' },
  ],
  command: [
    { key: 'command', label: 'Command', type: 'text' },
    { key: 'env', label: 'Environment', type: 'entries', keyLabel: 'Variable' },
  ],
  heartbeat: [{ key: 'graceSeconds', label: 'Grace (seconds)', type: 'number' }],
  llm: [
    { key: 'provider', label: 'Provider', type: 'select', options: LLM_PROVIDERS },
    { key: 'apiKey', label: 'API key', type: 'secret' },
  ],
};
