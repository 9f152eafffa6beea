import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LEVELS } from '../../../shared/levels.ts';
import { errorMessage } from '../../../shared/errors.ts';

/** Beside the database, never matching `haltwatch.db*`, so deleting the database leaves it. */
export const WITNESS_FILE = 'haltwatch.marker.json';

/**
 * The file keeps this size and is overwritten in place: on a full disk an overwrite of blocks the
 * file already has still succeeds, so the last level is kept when the database cannot take it.
 */
const WITNESS_BYTES = 1024;

const witnessSchema = z.object({
  version: z.literal(1),
  /** The engine state this folder last used (saved in the engine state too). */
  instance: z.string().min(1),
  level: z.enum(LEVELS),
  since: z.number(),
  override: z.boolean(),
});
export type Witness = z.infer<typeof witnessSchema>;

export type WitnessRead =
  { kind: 'absent' } | { kind: 'ok'; witness: Witness } | { kind: 'unreadable'; reason: string };

/**
 * Proof that an engine ran in this data folder, and the last level (and override) the trader saw.
 * Its absence is what makes a start a first start; its presence makes a missing, replaced or older
 * engine state a lost one.
 */
export class StateWitness {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, WITNESS_FILE);
  }

  read(): WitnessRead {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
      return { kind: 'unreadable', reason: `${this.file}: ${errorMessage(error)}` };
    }
    try {
      const parsed = witnessSchema.safeParse(JSON.parse(text));
      if (parsed.success) return { kind: 'ok', witness: parsed.data };
      return { kind: 'unreadable', reason: `${this.file}: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
    } catch (error) {
      return { kind: 'unreadable', reason: `${this.file}: not JSON (${errorMessage(error)})` };
    }
  }

  /** Returns why the write failed, or null. Never throws. */
  write(witness: Witness): string | null {
    const json = JSON.stringify(witness);
    if (json.length >= WITNESS_BYTES) return `the level record is longer than ${WITNESS_BYTES} bytes`;
    const bytes = Buffer.alloc(WITNESS_BYTES, ' ');
    bytes.write(json, 0, 'utf8');
    bytes.write('\n', WITNESS_BYTES - 1, 'utf8');
    let fd: number | null = null;
    try {
      try {
        fd = fs.openSync(this.file, 'r+');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        fd = fs.openSync(this.file, 'w', 0o600);
      }
      // One write of one block: a killed process leaves the old record or the new one, never half.
      fs.writeSync(fd, bytes, 0, WITNESS_BYTES, 0);
      return null;
    } catch (error) {
      return `${this.file}: ${errorMessage(error)}`;
    } finally {
      if (fd !== null) fs.closeSync(fd);
    }
  }
}
