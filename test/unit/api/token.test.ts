import { describe, expect, it } from 'vitest';
import { bearerToken, tokenMatches } from '../../../electron/core/api/token.ts';

describe('bearerToken', () => {
  it('reads the token of "Bearer <token>" in every spelling the scheme allows', () => {
    expect(bearerToken('Bearer abc123')).toBe('abc123');
    expect(bearerToken('bearer abc123')).toBe('abc123');
    expect(bearerToken('BEARER\tabc123')).toBe('abc123');
    expect(bearerToken('Bearer   abc123  ')).toBe('abc123');
  });

  it('finds no token in a header that is not one bearer token', () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Bearer  ',
      'Bearer a b',
      'Basic abc',
      'abc123',
    ])
      expect(bearerToken(header), JSON.stringify(header)).toBeUndefined();
  });
});

describe('tokenMatches', () => {
  it('accepts only the same token', () => {
    expect(tokenMatches('secret-token-123', 'secret-token-123')).toBe(true);
    expect(tokenMatches('secret-token-123', 'secret-token-124')).toBe(false);
    expect(tokenMatches('secret-token-123', 'secret-token-12')).toBe(false);
    expect(tokenMatches('secret-token-123', undefined)).toBe(false);
  });
});
