import type { ServiceKind } from '../../../shared/services.ts';

export interface ServicePreset {
  id: string;
  title: string;
  /** What to check or fill in before saving. */
  note: string;
  service: Record<string, unknown> & { kind: ServiceKind; name: string };
}

/**
 * Starter services for common setups. They only fill the form: the person checks the address,
 * stores the secrets they name and saves. Secrets are references, never values.
 */
export const SERVICE_PRESETS: readonly ServicePreset[] = [
  {
    id: 'alpaca',
    title: 'Alpaca broker',
    note: 'Its clock endpoint. Store your key id and secret as ALPACA_KEY_ID and ALPACA_SECRET_KEY; for live trading use https://api.alpaca.markets.',
    service: {
      name: 'broker',
      kind: 'http',
      criticality: 'critical',
      url: 'https://paper-api.alpaca.markets/v2/clock',
      method: 'GET',
      headers: {
        'APCA-API-KEY-ID': { secret: 'ALPACA_KEY_ID' },
        'APCA-API-SECRET-KEY': { secret: 'ALPACA_SECRET_KEY' },
      },
      jsonPath: '$.timestamp',
      breaker: { profile: 'broker_api' },
    },
  },
  {
    id: 'ibkr',
    title: 'IBKR Client Portal',
    note: 'The gateway on this computer must be logged in. It serves a self-signed certificate: give its certificate file under Advanced.',
    service: {
      name: 'broker',
      kind: 'http',
      criticality: 'critical',
      url: 'https://localhost:5000/v1/api/iserver/auth/status',
      method: 'POST',
      jsonPath: '$.authenticated',
      jsonEquals: true,
      breaker: { profile: 'broker_api' },
    },
  },
  {
    id: 'tradier',
    title: 'Tradier broker',
    note: 'Its market clock. Store the secret TRADIER_AUTH as "Bearer <your access token>".',
    service: {
      name: 'broker',
      kind: 'http',
      criticality: 'critical',
      url: 'https://api.tradier.com/v1/markets/clock',
      method: 'GET',
      headers: { Accept: 'application/json', Authorization: { secret: 'TRADIER_AUTH' } },
      jsonPath: '$.clock.state',
      breaker: { profile: 'broker_api' },
    },
  },
  {
    id: 'rest-broker',
    title: 'Another REST broker',
    note: 'Give the health or clock URL of your broker’s API, and its key as a header secret.',
    service: {
      name: 'broker',
      kind: 'http',
      criticality: 'critical',
      url: '',
      method: 'GET',
      breaker: { profile: 'broker_api' },
    },
  },
  {
    id: 'spy',
    title: 'SPY market data',
    note: 'A quote of SPY must arrive and, while NYSE is open, be at most 15 minutes old.',
    service: {
      name: 'quotes',
      kind: 'market_data',
      criticality: 'critical',
      symbol: 'SPY',
      staleMinutes: 15,
    },
  },
  {
    id: 'redis',
    title: 'Redis on this computer',
    note: 'The default port; add a password secret if yours has one.',
    service: { name: 'cache', kind: 'redis', criticality: 'important', url: 'redis://127.0.0.1:6379' },
  },
  {
    id: 'postgres',
    title: 'PostgreSQL on this computer',
    note: 'Change the user and database to your bot’s, and add its password as a secret.',
    service: {
      name: 'db',
      kind: 'postgres',
      criticality: 'important',
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    },
  },
  {
    id: 'openai',
    title: 'OpenAI',
    note: 'Lists the models with your key (costs nothing). Store the key as OPENAI_API_KEY.',
    service: {
      name: 'llm',
      kind: 'llm',
      criticality: 'informational',
      provider: 'openai',
      apiKey: { secret: 'OPENAI_API_KEY' },
    },
  },
  {
    id: 'anthropic',
    title: 'Anthropic',
    note: 'Lists the models with your key (costs nothing). Store the key as ANTHROPIC_API_KEY.',
    service: {
      name: 'llm',
      kind: 'llm',
      criticality: 'informational',
      provider: 'anthropic',
      apiKey: { secret: 'ANTHROPIC_API_KEY' },
    },
  },
  {
    id: 'heartbeat',
    title: 'Bot heartbeat',
    note: 'Your bot POSTs a beat from its main loop; the form shows the exact call.',
    service: { name: 'my-bot', kind: 'heartbeat', criticality: 'critical', graceSeconds: 90 },
  },
];
