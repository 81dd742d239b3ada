/**
 * A bounded map that forgets the least recently used entry first: for values computed from content that
 * is keyed by its own version (a digest, a revision), so that an entry is never stale, only dropped.
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** The value under `key` without marking it used: for lookups too frequent to reorder the map each time. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): V {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** The value under `key`, computed by `make` (once, even for callers that arrive while it is being made). */
  getOrSet(key: K, make: () => V): V {
    return this.get(key) ?? this.set(key, make());
  }

  /**
   * The promise under `key`, made by `make` when there is none: kept from the moment it is made, so that
   * callers arriving while it runs share it instead of doing the work again. One that fails, or whose value
   * `keep` refuses, is forgotten (unless `key` holds another value by then), so the next caller tries anew.
   */
  remember<T>(this: Lru<K, Promise<T>>, key: K, make: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    return this.getOrSet(key, () => {
      const made = make();
      const forget = () => {
        if (this.peek(key) === made) this.delete(key);
      };
      made.then((value) => {
        if (!keep(value)) forget();
      }, forget);
      return made;
    });
  }

  delete(key: K) {
    this.entries.delete(key);
  }

  get size() {
    return this.entries.size;
  }
}
