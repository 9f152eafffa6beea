import type { SecretResolver } from './resolver.ts';

/** The forms a secret takes on its way out: as is, in a URL, inside JSON, base64 (Basic auth). */
function encodings(value: string): string[] {
  return [
    value,
    encodeURIComponent(value),
    JSON.stringify(value).slice(1, -1),
    Buffer.from(value).toString('base64'),
  ];
}

export interface Redactor {
  (text: string): string;
  /**
   * How many characters at a cut edge may belong to a secret or its marker: text cut from a longer
   * stream drops this much more at the cut, after redaction, so no part of a secret survives.
   */
  readonly margin: number;
}

/** Replaces every secret value the resolver knows with `[secret NAME]`. Longest first, so a secret
 * that contains another is replaced whole. */
export function redactor(secrets: SecretResolver): Redactor {
  const pairs: [string, string][] = [];
  for (const name of secrets.names()) {
    const value = secrets.get(name);
    if (!value) continue;
    for (const form of new Set(encodings(value))) pairs.push([form, `[secret ${name}]`]);
  }
  pairs.sort((a, b) => b[0].length - a[0].length);
  const redact = (text: string) => {
    let out = text;
    for (const [form, replacement] of pairs) if (out.includes(form)) out = out.split(form).join(replacement);
    return out;
  };
  const margin = pairs.reduce((most, [form, marker]) => Math.max(most, form.length + marker.length), 0);
  return Object.assign(redact, { margin });
}

export function redact(text: string, secrets: SecretResolver): string {
  return redactor(secrets)(text);
}
