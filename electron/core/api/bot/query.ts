/** A decimal number as a person writes it in a URL; anything else stays a string and fails validation. */
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Query strings arrive as text: turns the named fields into numbers where they read as numbers and
 * the named list fields into arrays (comma-separated), so one zod schema can name every bad field.
 */
export function coerceQuery(
  query: unknown,
  fields: { numbers?: readonly string[]; lists?: readonly string[] },
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(query as Record<string, unknown>) };
  for (const name of fields.numbers ?? []) {
    const value = out[name];
    if (typeof value === 'string' && NUMBER_TEXT.test(value)) out[name] = Number(value);
  }
  for (const name of fields.lists ?? []) {
    const value = out[name];
    if (typeof value === 'string') out[name] = value.split(',').filter((part) => part !== '');
  }
  return out;
}
