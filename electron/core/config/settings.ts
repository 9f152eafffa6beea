import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import {
  appSettingsSchema,
  DEFAULT_SETTINGS,
  type AppSettings,
  type AppSettingsInput,
} from '../../../shared/settings.ts';
import type { ConfigProblem } from '../../../shared/status.ts';
import { describeIssues, fieldIssues } from '../../../shared/validation.ts';
import { SETTINGS_FILE } from '../paths.ts';
import { keepLastGood, loadWithLastGood } from './json-file.ts';
import { UserError } from '../../../shared/errors.ts';

/** The settings port the engine sees; the file format and location stay behind it. */
export interface SettingsStore {
  get(): AppSettings;
  /** Validates the merged result; throws UserError naming the fields when it does not fit. */
  update(patch: AppSettingsInput): AppSettings;
  readonly problem: ConfigProblem | null;
  /** The file failed and no good copy exists: running on defaults only until saved; the engine holds HALT. */
  readonly invalid: boolean;
}

/**
 * Settings kept by `conf` in the data folder. A bad file is copied aside and the last good copy
 * applies (defaults only when there is none, and then the engine holds HALT); the file is only
 * written again when the user saves settings.
 */
export function openSettings(dataDir: string, now: () => number): SettingsStore {
  const file = path.join(dataDir, SETTINGS_FILE);
  const loaded = loadWithLastGood(file, appSettingsSchema, () => DEFAULT_SETTINGS, now);
  let current: AppSettings = loaded.value ?? DEFAULT_SETTINGS;
  let problem = loaded.problem;
  let invalid = loaded.source === 'none';
  let conf: Conf<AppSettings> | null = null;

  return {
    get: () => current,
    get problem() {
      return problem;
    },
    get invalid() {
      return invalid;
    },
    update(patch) {
      const parsed = appSettingsSchema.safeParse({ ...current, ...patch });
      if (!parsed.success) throw new UserError(`settings: ${describeIssues(fieldIssues(parsed.error))}`);
      if (problem) replaceBadFile(file, problem);
      conf ??= new Conf<AppSettings>({
        cwd: dataDir,
        configName: path.basename(SETTINGS_FILE, '.json'),
        projectName: 'haltwatch',
        accessPropertiesByDotNotation: false,
        configFileMode: 0o600,
      });
      conf.store = parsed.data;
      keepLastGood(file);
      current = parsed.data;
      problem = null;
      invalid = false;
      return current;
    },
  };
}

/** Saving over a bad settings file is allowed only once a copy of it is kept. */
function replaceBadFile(file: string, problem: ConfigProblem): void {
  if (!fs.existsSync(file)) return;
  if (!problem.keptAt) {
    throw new UserError(
      `${file} is invalid and could not be copied aside; fix or move it before saving settings`,
    );
  }
  fs.rmSync(file, { force: true });
}
