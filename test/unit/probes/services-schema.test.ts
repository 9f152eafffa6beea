import { describe, expect, it } from 'vitest';
import { servicesFileSchema, validateService } from '../../../shared/services.ts';

const errorsOf = (input: unknown) => {
  const result = validateService(input);
  if (result.ok) throw new Error('expected the service to be rejected');
  return result.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('validateService', () => {
  it('fills the defaults of every kind', () => {
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [
        { kind: 'http', url: 'http://127.0.0.1:8080/health' },
        { method: 'GET', expectStatus: ['200-299'], headers: {} },
      ],
      [{ kind: 'market_data' }, { symbol: 'SPY', staleMinutes: 15, exchange: 'XNYS' }],
      [{ kind: 'redis' }, { url: 'redis://127.0.0.1:6379', probeKey: 'haltwatch:probe' }],
      [
        { kind: 'command', command: 'true' },
        { args: [], env: {}, outputLimitBytes: 2048 },
      ],
      [{ kind: 'heartbeat' }, { graceSeconds: 60 }],
    ];
    for (const [input, expected] of cases) {
      const result = validateService({ name: 'svc', ...input });
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.service).toMatchObject({
          timeoutMs: 5000,
          criticality: 'important',
          enabled: true,
          ...expected,
        });
      }
    }
  });

  it('names the field and shows the bad value', () => {
    expect(errorsOf({ name: 'db', kind: 'tcp', host: '127.0.0.1', port: 70000 })).toEqual([
      'port: must be a whole number 1–65535, got 70000',
    ]);
    expect(errorsOf({ name: 'x', kind: 'smoke_signal' })).toEqual([
      'kind: must be one of http, tcp, market_data, postgres, redis, command, heartbeat, llm, got "smoke_signal"',
    ]);
    expect(errorsOf({ name: 'x', kind: 'http', url: 'ftp://example.com' })).toEqual([
      'url: must be an http:// or https:// URL, got "ftp://example.com"',
    ]);
    expect(errorsOf({ name: 'x', kind: 'http', url: 'http://a/b', timeoutMs: 10 })).toEqual([
      'timeoutMs: must be a whole number 50–120000 ms, got 10',
    ]);
    expect(errorsOf({ name: 'x', kind: 'http', url: 'http://a/b', expectStatus: ['299-200'] })).toEqual([
      'expectStatus[0]: must be a status like "200" or a range like "200-299" within 100–599, got "299-200"',
    ]);
  });

  it('says what is wrong in plain words, never in the wording of the validator', () => {
    const messages = errorsOf({ name: 'x', kind: 'llm', provider: 'x', extra: 1, timeoutMs: 'a' });
    expect(messages).toEqual([
      'timeoutMs: must be a whole number 50–120000 ms, got "a"',
      'provider: must be one of openai, anthropic, got "x"',
      'apiKey: required',
      '(root): unknown field "extra"',
    ]);
    expect(errorsOf({ name: 'x', kind: 'http', bodyContains: '', method: 'PUT' })).toEqual([
      'url: required',
      'method: must be one of GET, HEAD, POST, got "PUT"',
      'bodyContains: must not be empty',
    ]);
    expect(errorsOf({ name: 'x', kind: 'tcp', host: 'db', port: 5432, enabled: 'yes' })).toEqual([
      'enabled: must be true or false, got "yes"',
    ]);
    const everyKind = ['http', 'tcp', 'postgres', 'command', 'llm'].flatMap((kind) => errorsOf({ kind }));
    expect(everyKind.join('\n')).not.toMatch(/Invalid input|expected \w+, received|Unrecognized/);
  });

  it('reports every wrong field at once', () => {
    expect(errorsOf({ kind: 'tcp', host: 'no such host!', port: 'x' })).toEqual([
      'name: a name is required',
      'host: must be a host name or IP address, got "no such host!"',
      'port: must be a whole number 1–65535, got "x"',
    ]);
  });

  it('keeps credentials out of the services file', () => {
    expect(
      errorsOf({
        name: 'broker',
        kind: 'http',
        url: 'https://broker/x',
        headers: { Authorization: 'Bearer sk-1' },
      }),
    ).toEqual([
      'headers.Authorization: credentials must be a secret reference {"secret": "NAME"}, not a literal value',
    ]);
    expect(errorsOf({ name: 'db', kind: 'postgres', connectionString: 'postgres://u:pw@db/app' })).toEqual([
      'connectionString: must not contain a password: use "password": {"secret": "NAME"}',
    ]);
    expect(errorsOf({ name: 'cache', kind: 'redis', url: 'redis://:pw@cache:6379' })).toEqual([
      'url: must not contain a password: use "password": {"secret": "NAME"}',
    ]);
    expect(errorsOf({ name: 'llm', kind: 'llm', provider: 'openai', apiKey: 'sk-1' })[0]).toMatch(
      /^apiKey: /,
    );
  });

  it('rejects combinations that cannot work', () => {
    expect(errorsOf({ name: 'x', kind: 'http', url: 'http://a/b', body: '{}' })).toEqual([
      'body: a body needs method POST, got GET',
    ]);
    expect(errorsOf({ name: 'x', kind: 'http', url: 'http://a/b', jsonEquals: 'ok' })).toEqual([
      'jsonEquals: needs jsonPath to say what to compare',
    ]);
    expect(
      errorsOf({ name: 'db', kind: 'postgres', connectionString: 'postgres://u@db/app', host: 'other' }),
    ).toEqual(['host: give either connectionString or host/port/user/database, not both']);
    expect(errorsOf({ name: 'x', kind: 'llm', provider: 'mistral', apiKey: { secret: 'K' } })).toEqual([
      'provider: must be one of openai, anthropic, got "mistral"',
    ]);
    expect(errorsOf({ name: 'x', kind: 'http', url: 'http://a/b', unknownField: 1 })[0]).toMatch(
      /unknownField/,
    );
  });

  it('still rejects duplicate names in a services file', () => {
    const file = servicesFileSchema.safeParse({
      services: [
        { name: 'db', kind: 'tcp', host: 'a', port: 1 },
        { name: 'DB', kind: 'heartbeat' },
      ],
    });
    expect(file.success).toBe(false);
    expect(file.error?.issues[0]?.message).toBe('duplicate service name "DB"');
  });
});
