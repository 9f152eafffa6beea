import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { ConfigProblem } from '../../../shared/status.ts';
import { describeIssues, fieldIssues } from '../../../shared/validation.ts';
import { errorMessage } from '../../../shared/errors.ts';

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

export type LoadedWithLastGood<T> =
  | { source: 'file' | 'default'; value: T; problem: null }
  /** The file is bad or gone: running on the last good copy, and saying so. */
  | { source: 'last_good'; value: T; problem: ConfigProblem }
  /** The file is bad and no good copy exists: the caller must not run on defaults. */
  | { source: 'none'; value: null; problem: ConfigProblem };

/** Where the last copy of `file` that loaded is kept: settings.json → settings.last-good.json. */
export function lastGoodPath(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.last-good${ext || '.json'}`);
}

/** Keeps `file` as it is now as the last good copy; a failure is only logged by the caller. */
export function keepLastGood(file: string): string | null {
  try {
    const temp = `${lastGoodPath(file)}.${process.pid}.tmp`;
    fs.copyFileSync(file, temp);
    fs.renameSync(temp, lastGoodPath(file));
    return null;
  } catch (error) {
    return `${lastGoodPath(file)}: not written: ${errorMessage(error)}`;
  }
}

/**
 * loadJsonFile, falling back to the last copy that loaded: a truncated or mistyped file (or one
 * deleted after it once loaded) must not silently swap the user's thresholds or services for the
 * defaults. Each good load refreshes the copy.
 */
export function loadWithLastGood<S extends z.ZodType>(
  file: string,
  schema: S,
  whenMissing: () => z.output<S>,
  now: () => number,
): LoadedWithLastGood<z.output<S>> {
  const exists = fs.existsSync(file);
  const loaded = loadJsonFile(file, schema, whenMissing, now);
  if (loaded.ok && exists) {
    keepLastGood(file);
    return { source: 'file', value: loaded.value, problem: null };
  }
  const copy = lastGoodPath(file);
  const good = fs.existsSync(copy) ? loadJsonFile(copy, schema, whenMissing, now) : null;
  if (loaded.ok) {
    if (!good?.ok) return { source: 'default', value: loaded.value, problem: null };
    const message = `${file} is missing; running on the last good copy (${copy}) until it is saved again`;
    return {
      source: 'last_good',
      value: good.value,
      problem: { file, message, issues: [], keptAt: null, lastGood: copy },
    };
  }
  if (good?.ok) {
    const problem = { ...loaded.problem, lastGood: copy };
    problem.message = `${problem.message}; running on the last good copy (${copy}) until it is fixed or saved again`;
    return { source: 'last_good', value: good.value, problem };
  }
  const problem = { ...loaded.problem };
  problem.message = `${problem.message}; no good copy to run on: trading is halted (config_invalid) until it is fixed or saved again`;
  return { source: 'none', value: null, problem };
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
