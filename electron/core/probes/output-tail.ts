/** Keeps the last `limit` bytes of a stream of chunks (errors are usually at the end). */
export class OutputTail {
  private readonly limit: number;
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = 0;

  constructor(limit: number) {
    this.limit = limit;
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

  /** The kept text; a cut is marked so nobody mistakes it for the whole output. */
  text(): string {
    const kept = Buffer.concat(this.chunks).toString('utf8');
    return this.dropped > 0 ? `[${this.dropped} bytes cut]…${kept}` : kept;
  }

  lastLine(maxChars = 200): string {
    const lines = Buffer.concat(this.chunks).toString('utf8').trim().split('\n');
    return (lines[lines.length - 1] ?? '').trim().slice(0, maxChars);
  }
}
