import { describe, expect, it } from 'vitest';
import { createHaltwatchClient, HaltwatchApiError } from '../../../client/index.ts';

const TOKEN = 'client-guard-token-0123456789';

/** A fetch that answers every request with this status and body, as another server on the port might. */
function answering(status: number, body: string): typeof fetch {
  return async () => new Response(body, { status, headers: { 'content-type': 'application/json' } });
}

const clientAnswering = (status: number, body: string) =>
  createHaltwatchClient({ baseUrl: 'http://127.0.0.1:1', token: TOKEN, fetch: answering(status, body) });

describe('the client refuses bad options at creation, naming the field', () => {
  it.each([
    [{ baseUrl: 'localhost:17321' }, /^baseUrl: .*"localhost:17321"/],
    [{ baseUrl: 'ftp://127.0.0.1:17321' }, /^baseUrl: .*"ftp:\/\/127\.0\.0\.1:17321"/],
    [{ baseUrl: 'http://127.0.0.1:17321/?token=x' }, /^baseUrl: /],
    [{ token: '' }, /^token: .*length 0/],
    [{ token: 'short' }, /^token: .*length 5/],
    [{ token: 'has a space in the token' }, /^token: .*length 24/],
    [{ timeoutMs: 0 }, /^timeoutMs: .*got 0$/],
    [{ timeoutMs: Number.NaN }, /^timeoutMs: .*got NaN$/],
    [{ timeoutMs: 3_600_000 }, /^timeoutMs: .*got 3600000$/],
  ])('%j', (bad, message) => {
    expect(() => createHaltwatchClient({ baseUrl: 'http://127.0.0.1:17321', token: TOKEN, ...bad })).toThrow(
      message,
    );
  });

  it('never shows the token itself', () => {
    const secret = 'secret value with spaces';
    expect(() => createHaltwatchClient({ baseUrl: 'http://127.0.0.1:1', token: secret })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret') }),
    );
  });

  it('accepts a base URL with a trailing slash or a path prefix', async () => {
    const seen: string[] = [];
    const client = createHaltwatchClient({
      baseUrl: 'http://127.0.0.1:17321/haltwatch/',
      token: TOKEN,
      fetch: async (url) => {
        seen.push(String(url));
        return new Response('{"id":3}', { status: 202 });
      },
    });
    expect(await client.runCheck()).toEqual({ id: 3 });
    expect(seen).toEqual(['http://127.0.0.1:17321/haltwatch/v1/check']);
  });
});

describe('a body that is not a gate answer is an error, never a yes', () => {
  const answer = (change: Record<string, unknown>) =>
    JSON.stringify({
      allowed: true,
      level: 'NORMAL',
      sizeMultiplier: 1,
      minConfidence: null,
      reasons: [],
      until: null,
      flatten: false,
      ...change,
    });
  it.each([
    [answer({ allowed: 'false' }), 'allowed: Invalid input: expected boolean, received string'],
    ['{}', 'allowed: Invalid input: expected boolean, received undefined'],
    [answer({ sizeMultiplier: 2 }), 'sizeMultiplier: Invalid input'],
    [answer({ level: 'GREEN' }), 'level: Invalid option'],
    [answer({ reasons: undefined }), 'reasons: Invalid input: expected array'],
    [answer({ flatten: 'yes' }), 'flatten: Invalid input: expected boolean'],
    ['[true]', '(root): Invalid input: expected object, received array'],
    ['null', '(root): Invalid input: expected object, received null'],
  ])('%s', async (body, problem) => {
    const client = clientAnswering(200, body);
    const failure = await client.gate({ action: 'open' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HaltwatchApiError);
    expect(failure).toMatchObject({ status: 200, code: 'invalid_response' });
    expect((failure as Error).message).toContain(problem);
    expect(await client.mayTrade({ action: 'open' })).toBe(false);
    expect(await client.mayTrade({ action: 'increase' })).toBe(false);
    expect(await client.mayTrade({ action: 'close' })).toBe(true);
  });

  it('passes a well-formed answer through unchanged, reason codes it does not know included', async () => {
    const body = {
      allowed: true,
      level: 'THROTTLE',
      sizeMultiplier: 0.5,
      minConfidence: 0.7,
      reasons: ['LEVEL_THROTTLE', 'SIZE_REDUCED', 'A_CODE_FROM_A_NEWER_HALTWATCH'],
      until: null,
      flatten: false,
    };
    const client = clientAnswering(200, JSON.stringify(body));
    expect(await client.gate({ action: 'open', confidence: 0.8 })).toEqual(body);
    expect(await client.mayTrade({ action: 'open', confidence: 0.8 })).toBe(true);
  });
});

describe('error bodies', () => {
  it('keeps the code and message, and no issues when the server sent none or a malformed list', async () => {
    const body = '{"ok":false,"error":{"code":"unauthorized","message":"wrong token","issues":"x"}}';
    const failure = await clientAnswering(401, body)
      .status()
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 401, code: 'unauthorized', message: 'wrong token', issues: [] });
  });

  it('names a non-JSON answer with its status', async () => {
    const failure = await clientAnswering(502, '<html>Bad Gateway</html>')
      .gate({ action: 'open' })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 502, code: 'invalid_response' });
    expect((failure as Error).message).toContain('Bad Gateway');
  });
});
