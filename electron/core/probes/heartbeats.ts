import { z } from 'zod';

/** Beats from names nobody configured still land here, so the book is bounded. */
export const MAX_HEARTBEAT_NAMES = 1000;

const times = z.record(z.string().min(1).max(64), z.number().int().nonnegative());
export const heartbeatSnapshotSchema = z.object({ beats: times, watchingSince: times }).strict();
export type HeartbeatSnapshot = z.infer<typeof heartbeatSnapshotSchema>;

const key = (name: string) => name.trim().toLowerCase();
const validTime = (at: number) => Number.isFinite(at) && at >= 0;

/**
 * The dead man's switch's memory: when each bot last reported in, and since when each heartbeat
 * service has been watched (a bot that never reported gets one grace period from then, also when
 * the service is added later). Names match case-insensitively, like service names.
 */
export class HeartbeatBook {
  private readonly beats = new Map<string, number>();
  private readonly watched = new Map<string, number>();

  /** A damaged snapshot is dropped rather than stopping the engine: the worst case is one grace period. */
  constructor(snapshot?: unknown) {
    const parsed = heartbeatSnapshotSchema.safeParse(snapshot);
    if (!parsed.success) return;
    for (const [name, at] of Object.entries(parsed.data.beats)) this.beat(name, at);
    for (const [name, at] of Object.entries(parsed.data.watchingSince))
      if (this.watched.size < MAX_HEARTBEAT_NAMES) this.watched.set(key(name), at);
  }

  /** Records a beat; out-of-order beats never move the time back. False if the beat is refused. */
  beat(name: string, at: number): boolean {
    const k = key(name);
    if (!k || k.length > 64 || !validTime(at)) return false;
    const previous = this.beats.get(k);
    if (previous === undefined && this.beats.size >= MAX_HEARTBEAT_NAMES) return false;
    this.beats.set(k, Math.max(previous ?? 0, Math.round(at)));
    return true;
  }

  last(name: string): number | undefined {
    return this.beats.get(key(name));
  }

  /** When watching `name` began; the first call (with `at`) starts the watch. */
  watchingSince(name: string, at: number): number {
    const k = key(name);
    const since = this.watched.get(k);
    if (since !== undefined) return since;
    if (validTime(at) && this.watched.size < MAX_HEARTBEAT_NAMES) this.watched.set(k, at);
    return at;
  }

  serialize(): HeartbeatSnapshot {
    return { beats: Object.fromEntries(this.beats), watchingSince: Object.fromEntries(this.watched) };
  }

  toJSON(): HeartbeatSnapshot {
    return this.serialize();
  }
}
