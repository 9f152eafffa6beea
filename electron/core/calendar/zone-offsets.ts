import { IANAZone } from 'luxon';

const MINUTE = 60_000;

interface Transition {
  at: number;
  /** Offset in ms (local − UTC) from `at` on. */
  offset: number;
}

interface YearOffsets {
  base: number;
  transitions: Transition[];
}

/**
 * UTC offsets of one IANA zone, found by asking the zone (Intl, through luxon) at each month boundary
 * and bisecting to the minute only where the offset changed. A year costs ~50 zone lookups instead of
 * two per session, which keeps a year of sessions well under the 5 ms budget. Assumes at most one
 * transition per calendar month, true of every zone the app ships.
 */
export class ZoneOffsets {
  private readonly zone: IANAZone;
  private readonly years = new Map<number, YearOffsets>();

  constructor(zoneName: string) {
    if (!IANAZone.isValidZone(zoneName)) throw new RangeError(`unknown IANA zone "${zoneName}"`);
    this.zone = IANAZone.create(zoneName);
  }

  /** local − UTC, in ms, at a UTC instant. */
  offsetAt(instant: number): number {
    const table = this.year(new Date(instant).getUTCFullYear());
    let offset = table.base;
    for (const t of table.transitions) {
      if (t.at > instant) break;
      offset = t.offset;
    }
    return offset;
  }

  /**
   * The UTC instant of a local wall time given as if it were UTC (`Date.UTC(y, m, d, h, min)`). A time
   * in a spring-forward gap moves forward by the gap, as luxon does.
   */
  instantOfLocal(localAsUtc: number): number {
    const guessOffset = this.offsetAt(localAsUtc);
    const first = localAsUtc - guessOffset;
    const firstOffset = this.offsetAt(first);
    if (firstOffset === guessOffset) return first;
    const second = localAsUtc - firstOffset;
    const secondOffset = this.offsetAt(second);
    if (secondOffset === firstOffset) return second;
    return localAsUtc - Math.min(firstOffset, secondOffset);
  }

  private zoneOffset(instant: number): number {
    return this.zone.offset(instant) * MINUTE;
  }

  private year(year: number): YearOffsets {
    let table = this.years.get(year);
    if (table) return table;
    const transitions: Transition[] = [];
    let from = Date.UTC(year, 0, 1);
    const base = this.zoneOffset(from);
    let fromOffset = base;
    for (let month = 1; month <= 12; month++) {
      const to = Date.UTC(year, month, 1);
      const toOffset = this.zoneOffset(to);
      if (toOffset !== fromOffset) transitions.push(this.bisect(from, fromOffset, to));
      from = to;
      fromOffset = toOffset;
    }
    table = { base, transitions };
    this.years.set(year, table);
    return table;
  }

  /** The first minute in (lo, hi] whose offset differs from `loOffset`. */
  private bisect(lo: number, loOffset: number, hi: number): Transition {
    let low = lo;
    let high = hi;
    while (high - low > MINUTE) {
      const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (this.zoneOffset(mid) === loOffset) low = mid;
      else high = mid;
    }
    return { at: high, offset: this.zoneOffset(high) };
  }
}
