import { z } from 'zod';
import { scheduleConfigSchema } from '../../../shared/schedule.ts';
import { errorMessage, parseOrThrow } from '../../../shared/errors.ts';
import type { ScheduleConfig } from '../../../shared/schedule.ts';

/** The app's config file may hold other sections; only `schedule` is read (and validated) here. */
const configFileSchema = z.object({
  schedule: scheduleConfigSchema.default(() => scheduleConfigSchema.parse({})),
});

/**
 * Parses the text of a config file `{ "schedule": { … } }`. Throws an Error (a ConfigError when the
 * JSON does not fit) whose message names the file and each bad field with its value.
 */
export function parseScheduleConfigFile(text: string, fileName: string): ScheduleConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${fileName}: not valid JSON (${errorMessage(error)})`, { cause: error });
  }
  return parseOrThrow(configFileSchema, json, fileName).schedule;
}
