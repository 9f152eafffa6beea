import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, errorMessage, parseOrThrow, UserError } from '../../../shared/errors.ts';
import { describeIssues, fieldIssues } from '../../../shared/validation.ts';

const schema = z
  .object({
    name: z.string().min(1),
    limit: z.number().int().min(1).default(10),
    tags: z.array(z.string()).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.name === value.tags?.[0])
      ctx.addIssue({
        code: 'custom',
        path: ['tags', 0],
        message: `tags[0] repeats the name "${value.name}"`,
      });
  });

describe('the errors module', () => {
  it('gives the message of anything thrown', () => {
    expect(errorMessage(new RangeError('too far'))).toBe('too far');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });

  it('parses or throws a ConfigError, a UserError, naming each field and the value it had', () => {
    expect(parseOrThrow(schema, { name: 'a' }, 'options')).toEqual({ name: 'a', limit: 10 });
    let error: unknown;
    try {
      parseOrThrow(schema, { limit: 0.5, tags: ['x', 7] }, 'options');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(UserError);
    expect((error as ConfigError).issues).toEqual([
      'name: Invalid input: expected string, received undefined (missing)',
      'limit: Invalid input: expected int, received number (got 0.5)',
      'tags[1]: Invalid input: expected string, received number (got 7)',
    ]);
    expect((error as Error).message).toMatch(/^options: name: .*; limit: .*; tags\[1\]: /);
  });

  it('quotes NaN as itself and cuts long values', () => {
    expect(() => parseOrThrow(schema, { name: 'a', limit: Number.NaN }, 'options')).toThrow(/\(got NaN\)/);
    expect(() => parseOrThrow(schema, { name: 'x'.repeat(200), limit: -1 }, 'o')).toThrow(
      'o: limit: Too small: expected number to be >=1 (got -1)',
    );
    const long = describeIssues(z.number().safeParse('y'.repeat(200)).error!, { input: 'y'.repeat(200) });
    expect(long).toMatch(/\(got "y{76}\.\.\.\)$/);
  });

  it("leaves a refinement's message alone when it quotes the value itself", () => {
    expect(() => parseOrThrow(schema, { name: 'x', tags: ['x'] }, 'options')).toThrow(
      /^options: tags\[0\] repeats the name "x"$/,
    );
  });

  it('formats issues the same way with or without the input, with a path prefix', () => {
    const failed = z.array(z.object({ n: z.number() })).safeParse([{ n: 'one' }]).error!;
    expect(describeIssues(fieldIssues(failed))).toBe(
      '[0].n: Invalid input: expected number, received string',
    );
    expect(describeIssues(failed, { input: [{ n: 'one' }], prefix: 'entries' })).toBe(
      'entries[0].n: Invalid input: expected number, received string (got "one")',
    );
  });
});
