import type { DurationUnit } from '../../../shared/duration.ts';
import type { Criticality } from '../../../shared/levels.ts';
import { LLM_PROVIDERS, type ServiceKind } from '../../../shared/services.ts';

/**
 * The editor's fields per kind of probe, in the words the README uses. `secret` fields hold a
 * reference to a stored secret, never its value; `entries` fields are name → text-or-secret pairs
 * (`keyLabel` names the key); `duration` fields take `90s`, `5m`, `1h` and store `unit`s; `list`
 * fields are comma-separated; `advanced` fields sit in the folded "Advanced" section.
 */
export interface KindField {
  key: string;
  label: string;
  type: 'text' | 'number' | 'duration' | 'secret' | 'select' | 'entries' | 'list' | 'json' | 'textarea';
  /** select: value and what the person reads; the first is the default, shown as chosen. */
  options?: readonly { value: string; label: string }[];
  keyLabel?: string;
  unit?: DurationUnit;
  hint?: string;
  placeholder?: string;
  advanced?: boolean;
}

export const KIND_LABELS: Record<ServiceKind, string> = {
  http: 'Web endpoint (HTTP)',
  tcp: 'Network port (TCP)',
  market_data: 'Market data',
  postgres: 'PostgreSQL database',
  redis: 'Redis',
  command: 'Command on this computer',
  heartbeat: 'Bot heartbeat',
  llm: 'LLM provider',
};

export const KIND_HINTS: Record<ServiceKind, string> = {
  http: 'Healthy when the URL answers with an expected status (and the body checks hold).',
  tcp: 'Healthy when a TCP connection to the host and port opens.',
  market_data: 'Healthy when a quote arrives and, in session, is fresh.',
  postgres: 'Healthy when SELECT 1 answers.',
  redis: 'Healthy when PING and a SET/GET/DEL of a probe key work.',
  command: 'Healthy when the command exits with 0.',
  heartbeat: 'Healthy when your bot has reported in within the grace time.',
  llm: 'Healthy when the provider lists its models (costs nothing).',
};

export const CRITICALITY_LABELS: Record<Criticality, { label: string; explains: string }> = {
  critical: { label: 'Critical', explains: 'When it is down: HALT, no new positions.' },
  important: { label: 'Important', explains: 'When it is down: THROTTLE, half size.' },
  informational: { label: 'Informational', explains: 'When it is down: ALERT only, trading goes on.' },
};

/** Fields every kind has besides name, kind, criticality and enabled. */
export const COMMON_FIELDS: KindField[] = [
  {
    key: 'timeoutMs',
    label: 'Timeout',
    type: 'duration',
    unit: 'ms',
    placeholder: '5s',
    hint: 'A probe slower than this fails as a timeout.',
  },
  {
    key: 'slowMs',
    label: 'Slow after',
    type: 'duration',
    unit: 'ms',
    placeholder: 'never',
    hint: 'A healthy answer slower than this is flagged as slow.',
    advanced: true,
  },
  {
    key: 'intervalSeconds',
    label: 'Probe every',
    type: 'duration',
    unit: 's',
    placeholder: 'session default',
    hint: 'Empty: every 60 s in session and its pre-open hour, 300 s outside.',
    advanced: true,
  },
  {
    key: 'confirmFailures',
    label: 'Failed probes that mean down',
    type: 'number',
    placeholder: '2',
    hint: 'This many failed probes in a row raise the level to what its criticality allows.',
    advanced: true,
  },
];

const optionsOf = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

export const KIND_FIELDS: Record<ServiceKind, KindField[]> = {
  http: [
    { key: 'url', label: 'URL', type: 'text', placeholder: 'https://api.broker.example/health' },
    { key: 'method', label: 'Method', type: 'select', options: optionsOf(['GET', 'HEAD', 'POST']) },
    { key: 'headers', label: 'Request headers', type: 'entries', keyLabel: 'Header' },
    { key: 'query', label: 'Query parameters', type: 'entries', keyLabel: 'Parameter' },
    {
      key: 'expectStatus',
      label: 'Expected status',
      type: 'list',
      placeholder: '200-299',
      hint: 'Codes or ranges, comma-separated.',
      advanced: true,
    },
    { key: 'bodyContains', label: 'Body contains', type: 'text', advanced: true },
    { key: 'jsonPath', label: 'JSON path', type: 'text', placeholder: '$.status', advanced: true },
    {
      key: 'jsonEquals',
      label: 'JSON value equals',
      type: 'json',
      hint: 'ok, 200, true or null; without it the path only has to exist.',
      advanced: true,
    },
    { key: 'body', label: 'Request body (POST)', type: 'textarea', advanced: true },
    { key: 'caFile', label: 'Extra CA file (PEM)', type: 'text', advanced: true },
  ],
  tcp: [
    { key: 'host', label: 'Host', type: 'text', placeholder: '127.0.0.1' },
    { key: 'port', label: 'Port', type: 'number' },
  ],
  market_data: [
    { key: 'symbol', label: 'Symbol', type: 'text', placeholder: 'SPY' },
    {
      key: 'staleMinutes',
      label: 'Stale after',
      type: 'duration',
      unit: 'min',
      placeholder: '15m',
      hint: 'In session, an older last trade is a failure.',
    },
    { key: 'exchange', label: 'Exchange calendar', type: 'text', placeholder: 'XNYS', advanced: true },
    { key: 'baseUrl', label: 'Quote server (proxy)', type: 'text', placeholder: 'Yahoo', advanced: true },
  ],
  postgres: [
    {
      key: 'connectionString',
      label: 'Connection string (no password)',
      type: 'text',
      placeholder: 'postgres://bot@127.0.0.1:5432/trading',
      hint: 'Or host, port, user and database below.',
    },
    { key: 'host', label: 'Host', type: 'text' },
    { key: 'port', label: 'Port', type: 'number' },
    { key: 'user', label: 'User', type: 'text' },
    { key: 'database', label: 'Database', type: 'text' },
    { key: 'password', label: 'Password', type: 'secret' },
  ],
  redis: [
    { key: 'url', label: 'URL (no password)', type: 'text', placeholder: 'redis://127.0.0.1:6379' },
    { key: 'password', label: 'Password', type: 'secret' },
    { key: 'username', label: 'User', type: 'text', advanced: true },
    { key: 'probeKey', label: 'Probe key', type: 'text', placeholder: 'haltwatch:probe', advanced: true },
  ],
  command: [
    { key: 'command', label: 'Command', type: 'text' },
    { key: 'args', label: 'Arguments', type: 'list', hint: 'Comma-separated.' },
    { key: 'env', label: 'Environment', type: 'entries', keyLabel: 'Variable' },
    { key: 'cwd', label: 'Working folder', type: 'text', advanced: true },
    { key: 'outputLimitBytes', label: 'Output kept (bytes)', type: 'number', advanced: true },
  ],
  heartbeat: [
    {
      key: 'graceSeconds',
      label: 'Grace',
      type: 'duration',
      unit: 's',
      placeholder: '60s',
      hint: 'Failing when the last beat is older than this.',
    },
  ],
  llm: [
    { key: 'provider', label: 'Provider', type: 'select', options: optionsOf(LLM_PROVIDERS) },
    { key: 'apiKey', label: 'API key', type: 'secret' },
    { key: 'baseUrl', label: 'API address', type: 'text', placeholder: 'the provider’s', advanced: true },
  ],
};
