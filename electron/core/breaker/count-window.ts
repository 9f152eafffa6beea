/** The last `size` call outcomes as a ring with running counters: O(1) record, fixed memory. */
export const OUTCOME_FAILED = 1;
export const OUTCOME_SLOW = 2;

export class CountWindow {
  readonly size: number;
  private readonly outcomes: Uint8Array;
  private head = 0;
  private filled = 0;
  private failedCount = 0;
  private slowCount = 0;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`size must be an integer ≥ 1 (got ${size})`);
    this.size = size;
    this.outcomes = new Uint8Array(size);
  }

  /** `outcome` is a bit set of OUTCOME_FAILED and OUTCOME_SLOW. */
  record(outcome: number): void {
    if (this.filled === this.size) {
      const dropped = this.outcomes[this.head]!;
      this.failedCount -= dropped & OUTCOME_FAILED;
      this.slowCount -= (dropped & OUTCOME_SLOW) >> 1;
    } else {
      this.filled++;
    }
    this.outcomes[this.head] = outcome;
    this.failedCount += outcome & OUTCOME_FAILED;
    this.slowCount += (outcome & OUTCOME_SLOW) >> 1;
    this.head = (this.head + 1) % this.size;
  }

  get calls(): number {
    return this.filled;
  }
  get failures(): number {
    return this.failedCount;
  }
  get slow(): number {
    return this.slowCount;
  }

  clear(): void {
    this.outcomes.fill(0);
    this.head = 0;
    this.filled = 0;
    this.failedCount = 0;
    this.slowCount = 0;
  }

  /** Outcome codes, oldest first. */
  serialize(): number[] {
    const start = this.filled === this.size ? this.head : 0;
    const out: number[] = [];
    for (let i = 0; i < this.filled; i++) out.push(this.outcomes[(start + i) % this.size]!);
    return out;
  }

  restore(outcomes: readonly number[]): void {
    this.clear();
    for (const outcome of outcomes.slice(-this.size)) this.record(outcome & (OUTCOME_FAILED | OUTCOME_SLOW));
  }
}
