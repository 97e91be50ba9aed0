/**
 * A bounded cache of values that are loaded asynchronously: least recently used entries
 * are evicted beyond `maxEntries`, concurrent requests for a key that is still loading
 * share one load, and a failed load is never remembered (the next request retries).
 */
export class LruPromiseCache<V> {
  private readonly values = new Map<string, V>();
  private readonly loading = new Map<string, Promise<V>>();

  /** `maxEntries` 0 keeps nothing once loaded (only in-flight loads are shared). */
  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0) {
      throw new RangeError(
        `cache size must be a non-negative integer, got ${maxEntries}`,
      );
    }
  }

  get size(): number {
    return this.values.size;
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    if (this.values.has(key)) {
      const value = this.values.get(key) as V;
      // Map keeps insertion order: re-inserting marks the key most recently used.
      this.values.delete(key);
      this.values.set(key, value);
      return Promise.resolve(value);
    }
    const pending = this.loading.get(key);
    if (pending) return pending;
    const promise = load().then(
      value => {
        this.loading.delete(key);
        this.remember(key, value);
        return value;
      },
      error => {
        this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, promise);
    return promise;
  }

  clear(): void {
    this.values.clear();
  }

  private remember(key: string, value: V): void {
    if (this.maxEntries === 0) return;
    this.values.set(key, value);
    while (this.values.size > this.maxEntries) {
      const oldest = this.values.keys().next().value as string;
      this.values.delete(oldest);
    }
  }
}
