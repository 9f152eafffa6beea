/** A decimal number as a person writes it in a URL; anything else stays a string and fails validation. */
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Query strings arrive as text: turns the named fields into numbers where they read as numbers and
 * the named list fields into arrays (comma-separated), so one zod schema can name every bad field.
 * Rewrites the named fields of the parsed query in place: the gate's query goes through here before
 * every order, and copying it key by key into a new object cost more than validating it. The parsed
 * query has no prototype, so a "__proto__" key stays an own field and is refused as unknown.
 */
export function coerceQuery(
  query: unknown,
  fields: { numbers?: readonly string[]; lists?: readonly string[] },
): Record<string, unknown> {
  if (typeof query !== 'object' || query === null) return {};
  const source = query as Record<string, unknown>;
  for (const name of fields.numbers ?? []) {
    const value = source[name];
    if (typeof value === 'string' && NUMBER_TEXT.test(value)) source[name] = Number(value);
  }
  for (const name of fields.lists ?? []) {
    const value = source[name];
    if (typeof value === 'string') source[name] = value.split(',').filter((part) => part !== '');
  }
  return source;
}
