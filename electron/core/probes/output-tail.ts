import type { Redactor } from '../secrets/redact.ts';

/**
 * Keeps the last `limit` bytes of a stream of chunks (errors are usually at the end), plus the
 * redactor's margin: the text is redacted before it is cut, so a secret at the cut leaves nothing.
 */
export class OutputTail {
  private readonly limit: number;
  private readonly redact: Redactor;
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = 0;

  constructor(limit: number, redact: Redactor) {
    this.redact = redact;
    this.limit = limit + redact.margin;
  }
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 0) {
      const first = this.chunks[0] as Buffer;
      const excess = this.size - this.limit;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
        this.dropped += first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
        this.dropped += excess;
      }
    }
  }

  /**
   * The kept text, redacted; a cut is marked so nobody mistakes it for the whole output. Past a cut
   * the first `margin` characters go too: a secret that began before the cut may end in them.
   */
  text(): string {
    const kept = this.kept();
    return this.dropped > 0 ? `[${this.dropped + this.redact.margin} bytes cut]…${kept}` : kept;
  }

  /** The last line of the redacted text, at most `maxChars` (redacted first, then cut). */
  lastLine(maxChars = 200): string {
    const lines = this.kept().trim().split('\n');
    return (lines[lines.length - 1] ?? '').trim().slice(0, maxChars);
  }

  private kept(): string {
    const kept = this.redact(Buffer.concat(this.chunks).toString('utf8'));
    return this.dropped > 0 ? kept.slice(this.redact.margin) : kept;
  }
}
