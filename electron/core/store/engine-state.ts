import type Database from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import { errorMessage } from '../../../shared/errors.ts';
import type { StoreWrite } from './write-guard.ts';

export type SavedEngineState =
  { kind: 'none' } | { kind: 'saved'; state: unknown } | { kind: 'unreadable'; reason: string };

/** The engine's saved state: one row, replaced on every save. */
export class EngineStateRecord {
  private readonly clock: Clock;
  private readonly write: StoreWrite;
  private readonly noteProblem: (message: string) => void;
  private readonly statements;
  /** The last state handed to save, so a read still finds it when the disk refused the write. */
  private lastStateJson: string | null = null;

  constructor(
    db: Database.Database,
    clock: Clock,
    write: StoreWrite,
    noteProblem: (message: string) => void,
  ) {
    this.clock = clock;
    this.write = write;
    this.noteProblem = noteProblem;
    this.statements = {
      saveState: db.prepare(
        `INSERT INTO engine_state (id, saved_at, state) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET saved_at = excluded.saved_at, state = excluded.state`,
      ),
      loadState: db.prepare<[], { state: string }>('SELECT state FROM engine_state WHERE id = 1'),
    };
  }

  save(state: unknown): void {
    let json: string;
    try {
      json = JSON.stringify(state);
    } catch (error) {
      this.noteProblem(`engine state not saved: ${errorMessage(error)}`);
      return;
    }
    this.lastStateJson = json;
    this.write('engine state', () => void this.statements.saveState.run(this.clock.now(), json), undefined);
  }

  /** Tells "never saved" from "saved but unreadable": the engine must not start at NORMAL after the latter. */
  read(): SavedEngineState {
    try {
      const row = this.statements.loadState.get();
      if (row) return { kind: 'saved', state: JSON.parse(row.state) as unknown };
    } catch (error) {
      this.noteProblem(`engine state not read: ${errorMessage(error)}`);
      if (this.lastStateJson === null) return { kind: 'unreadable', reason: errorMessage(error) };
    }
    return this.lastStateJson === null
      ? { kind: 'none' }
      : { kind: 'saved', state: JSON.parse(this.lastStateJson) as unknown };
  }
}
