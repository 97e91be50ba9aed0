import { LruPromiseCache } from './lruPromiseCache';

/** A load the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LruPromiseCache', () => {
  it('loads a key once and evicts the least recently used beyond its size', async () => {
    const cache = new LruPromiseCache<string>(2);
    const loads: string[] = [];
    const get = (key: string) =>
      cache.get(key, async () => {
        loads.push(key);
        return key.toUpperCase();
      });
    expect(await get('a')).toBe('A');
    await get('b');
    await get('a'); // a is now the most recently used
    await get('c'); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.has('b')).toBe(false);
    await get('a');
    await get('b');
    expect(loads).toEqual(['a', 'b', 'c', 'b']);
  });

  it('shares a load in flight and forgets a failed one', async () => {
    const cache = new LruPromiseCache<number>(4);
    const first = deferred<number>();
    let calls = 0;
    const load = () => {
      calls++;
      return first.promise;
    };
    const a = cache.get('k', load);
    const b = cache.get('k', load);
    first.reject(new Error('boom'));
    await expect(a).rejects.toThrow('boom');
    await expect(b).rejects.toThrow('boom');
    expect(calls).toBe(1);
    expect(cache.has('k')).toBe(false);
    expect(await cache.get('k', async () => 7)).toBe(7);
    expect(await cache.get('k', async () => 8)).toBe(7);
  });

  it('keeps nothing with size 0 but still shares loads in flight', async () => {
    const cache = new LruPromiseCache<number>(0);
    const pending = deferred<number>();
    let calls = 0;
    const load = () => {
      calls++;
      return pending.promise;
    };
    const both = Promise.all([cache.get('k', load), cache.get('k', load)]);
    pending.resolve(1);
    expect(await both).toEqual([1, 1]);
    expect(calls).toBe(1);
    await cache.get('k', async () => {
      calls++;
      return 2;
    });
    expect(calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('rejects a size that is not a non-negative integer', () => {
    expect(() => new LruPromiseCache(-1)).toThrow(RangeError);
    expect(() => new LruPromiseCache(1.5)).toThrow(RangeError);
  });
});
