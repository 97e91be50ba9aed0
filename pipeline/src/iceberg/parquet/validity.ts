/**
 * A growable Arrow validity bitmap (bit set = value present) with a null count. The bitmap
 * is only allocated at the first null, so columns without nulls pay nothing per value.
 */
export class Validity {
  private bits: Uint8Array | undefined;
  nullCount = 0;

  setValid(index: number): void {
    if (this.bits === undefined) return;
    const byte = index >> 3;
    if (byte >= this.bits.length) this.grow(byte + 1);
    this.bits[byte] |= 1 << (index & 7);
  }

  setNull(index: number): void {
    const byte = index >> 3;
    // Every slot before the first null is valid: start from an all-ones bitmap.
    if (this.bits === undefined)
      this.bits = new Uint8Array(Math.max(64, byte * 2)).fill(0xff);
    if (byte >= this.bits.length) this.grow(byte + 1);
    this.bits[byte] &= ~(1 << (index & 7));
    this.nullCount++;
  }

  isValid(index: number): boolean {
    return (
      this.bits === undefined ||
      (this.bits[index >> 3]! & (1 << (index & 7))) !== 0
    );
  }

  /** Forgets slots from `length` on (rollback of a rejected row). */
  truncate(length: number, oldLength: number): void {
    for (let i = length; i < oldLength; i++) {
      if (!this.isValid(i)) this.nullCount--;
    }
  }

  /** The bitmap of the first `length` slots, or undefined when there is no null. */
  finish(length: number): Uint8Array | undefined {
    const out =
      this.nullCount === 0 || this.bits === undefined
        ? undefined
        : this.bits.slice(0, (length + 7) >> 3);
    this.bits = undefined;
    this.nullCount = 0;
    return out;
  }

  byteSize(length: number): number {
    return this.bits === undefined ? 0 : (length + 7) >> 3;
  }

  private grow(minBytes: number) {
    const next = new Uint8Array(Math.max(minBytes, this.bits!.length * 2));
    next.set(this.bits!);
    this.bits = next;
  }
}
