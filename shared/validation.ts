import type { z } from 'zod';

export interface FieldIssue {
  path: string;
  message: string;
}

/** `services[0].url` style paths, so a person can find the field. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
}

export interface DescribeOptions {
  /**
   * The value that was parsed: each issue then shows what its field held, "(got 5)" or "(missing)",
   * unless a custom refinement's message already quotes it.
   */
  input?: unknown;
  /** Names the parsed value in every path, e.g. "entries" gives "entries[0].name". */
  prefix?: string;
}

/** The one text for validation issues: `path: message` per issue, joined by "; ". */
export function describeIssues(
  source: z.ZodError | readonly FieldIssue[],
  options: DescribeOptions = {},
): string {
  return issueTexts(source, options).join('; ');
}

/** One `path: message` text per issue (see describeIssues). */
export function issueTexts(
  source: z.ZodError | readonly FieldIssue[],
  options: DescribeOptions = {},
): string[] {
  if (!('issues' in source)) return source.map((i) => `${i.path}: ${i.message}`);
  const withValue = 'input' in options;
  return source.issues.map((issue) => {
    const path = issuePath(options.prefix === undefined ? issue.path : [options.prefix, ...issue.path]);
    const custom = issue.code === 'custom';
    // A custom refinement may name its field itself ("minimumCalls (10) must be ≤ …").
    if (custom && issue.message.startsWith(path)) return issue.message;
    const text = `${path}: ${issue.message}`;
    if (!withValue) return text;
    // A refinement reports the whole value it refined, and sees defaults filled in: look its field
    // up in the input instead, and say nothing rather than "missing" for a default.
    const value = 'input' in issue && !custom ? issue.input : valueAt(options.input, issue.path);
    if (value === undefined) return custom ? text : `${text} (missing)`;
    const shownValue = quoted(value);
    // …or quote the value it compares ("THROTTLE latency (1000 ms) must be at least …").
    return custom && mentions(issue.message, shownValue) ? text : `${text} (got ${shownValue})`;
  });
}

function mentions(message: string, text: string): boolean {
  const at = message.indexOf(text);
  if (at < 0) return false;
  const [before, after] = [message[at - 1] ?? ' ', message[at + text.length] ?? ' '];
  return !/[\w.]/.test(before) && !/[\w]/.test(after);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** JSON for a rejected value, cut at 80 characters; NaN and Infinity as themselves. */
function quoted(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** What `got …` shows for a rejected value: short, and never a whole object. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a set of fields',
};

/**
 * Plain words for the issues a schema left to zod's defaults ("Invalid input: expected string,
 * received undefined" becomes "required"). Pass as the `error` of a parse: messages a schema
 * gives itself still win.
 */
export const plainErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}, got ${shown(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'must not be empty' : `at least ${issue.minimum} characters`;
      return issue.origin === 'array' ? `at least ${issue.minimum} entries` : `at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `at most ${issue.maximum} characters`;
      return issue.origin === 'array' ? `at most ${issue.maximum} entries` : `at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}, got ${shown(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_format':
      return `not in the expected form, got ${shown(issue.input)}`;
    default:
      return undefined;
  }
};

/**
 * The message to show for one issue of a parse made with `reportInput`: a missing value is
 * "required", not what the schema says of a wrong one ("must be an http:// URL, got undefined").
 */
export function plainIssueMessage(issue: z.core.$ZodIssue): string {
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  return missing && issue.message.endsWith('got undefined') ? 'required' : issue.message;
}
