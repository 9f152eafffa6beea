import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { ConfigProblem } from '../../../shared/status.ts';
import { describeIssues, fieldIssues } from '../../../shared/validation.ts';
import { errorMessage } from '../dispatcher.ts';

export type Loaded<T> = { ok: true; value: T } | { ok: false; problem: ConfigProblem };

/**
 * Reads a JSON file through a schema. A file that is not JSON or does not fit is never overwritten:
 * a copy is kept beside it (name.invalid-<time>) and the problem names the file and each field.
 * A missing file is not a problem: the caller's default applies.
 */
export function loadJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  whenMissing: () => z.output<S>,
  now: () => number,
): Loaded<z.output<S>> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, value: whenMissing() };
    return {
      ok: false,
      problem: { file, message: `${file}: cannot read: ${errorMessage(error)}`, issues: [], keptAt: null },
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = `${file}: not valid JSON: ${errorMessage(error)}`;
    return { ok: false, problem: { file, message, issues: [], keptAt: keepCopy(file, now) } };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = fieldIssues(parsed.error);
  return {
    ok: false,
    problem: { file, message: `${file}: ${describeIssues(issues)}`, issues, keptAt: keepCopy(file, now) },
  };
}

function keepCopy(file: string, now: () => number): string | null {
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const copy = path.join(path.dirname(file), `${path.basename(file)}.invalid-${stamp}`);
  try {
    fs.copyFileSync(file, copy, fs.constants.COPYFILE_EXCL);
    return copy;
  } catch {
    return null;
  }
}

/** Writes through a temp file and a rename, so a crash mid-write never leaves half a file. */
export function writeJsonFileAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}
