/** Where a CLI command writes, so commands are tested without touching the real process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
};

/** Exit codes every command shares. */
export const EXIT = { ok: 0, unhealthy: 1, usage: 2 } as const;
