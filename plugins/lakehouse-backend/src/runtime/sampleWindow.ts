/** A fixed-size ring of recent numeric samples (commit latencies), newest overwriting oldest. */
export class SampleWindow {
  private readonly values: number[] = [];
  private next = 0;

  constructor(private readonly capacity = 1000) {}

  add(value: number): void {
    if (this.values.length < this.capacity) this.values.push(value);
    else this.values[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
  }

  snapshot(): number[] {
    return [...this.values];
  }
}
