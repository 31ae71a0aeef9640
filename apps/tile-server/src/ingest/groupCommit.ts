interface Waiter<R> {
  readonly start: number;
  readonly count: number;
  readonly resolve: (results: R[]) => void;
  readonly reject: (error: unknown) => void;
}

interface Group<T, R> {
  readonly items: T[];
  readonly waiters: Waiter<R>[];
}

/**
 * Runs `write` one call at a time and merges the calls that arrive meanwhile into the next one
 * (up to `maxItems` items), so concurrent requests and MQTT messages share one transaction and
 * one fsync. Each caller gets its own slice of the results, or the error of the shared write.
 */
export function createGroupCommit<T, R>(write: (items: readonly T[]) => Promise<R[]>, maxItems: number): (items: readonly T[]) => Promise<R[]> {
  const queue: Group<T, R>[] = [];
  let writing = false;

  const drain = async (): Promise<void> => {
    writing = true;
    for (let group = queue.shift(); group; group = queue.shift()) {
      try {
        const results = await write(group.items);
        for (const waiter of group.waiters) waiter.resolve(results.slice(waiter.start, waiter.start + waiter.count));
      } catch (error) {
        for (const waiter of group.waiters) waiter.reject(error);
      }
    }
    writing = false;
  };

  return (items) =>
    new Promise<R[]>((resolve, reject) => {
      let group = queue.at(-1);
      if (!group || (group.items.length > 0 && group.items.length + items.length > maxItems)) {
        group = { items: [], waiters: [] };
        queue.push(group);
      }
      group.waiters.push({ start: group.items.length, count: items.length, resolve, reject });
      for (const item of items) group.items.push(item);
      if (!writing) void drain();
    });
}
