/** Little byte writer and reader for the packed rollup blobs (histograms, minute cells). */

export class ByteWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(capacity = 256) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  /** Starts over, keeping the buffer: one writer serves many encodes without new allocations. */
  reset(): this {
    this.length = 0;
    return this;
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + extra));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
  byte(value: number): void {
    this.ensure(1);
    this.buffer[this.length++] = value;
  }
  /** Unsigned LEB128. */
  varint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.byte((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.byte(rest);
  }
  float(value: number): void {
    this.ensure(8);
    this.buffer.writeDoubleLE(value, this.length);
    this.length += 8;
  }
  /** A copy of what was written, independent of later writes. */
  result(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.length));
  }
}

/** The number of bytes `varint` writes for `value`. */
export function varintLength(value: number): number {
  let bytes = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) bytes++;
  return bytes;
}

export class ByteReader {
  private readonly view: Buffer;
  private readonly what: string;
  private offset = 0;

  /** `what` names the blob in the error for a truncated one. */
  constructor(data: Uint8Array, what: string) {
    this.view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.what = what;
  }
  get done(): boolean {
    return this.offset >= this.view.length;
  }
  byte(): number {
    const value = this.view[this.offset++];
    if (value === undefined) throw new RangeError(`truncated ${this.what}`);
    return value;
  }
  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }
  float(): number {
    if (this.offset + 8 > this.view.length) throw new RangeError(`truncated ${this.what}`);
    const value = this.view.readDoubleLE(this.offset);
    this.offset += 8;
    return value;
  }
  bytes(length: number): Uint8Array {
    if (this.offset + length > this.view.length) throw new RangeError(`truncated ${this.what}`);
    const value = this.view.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
}
