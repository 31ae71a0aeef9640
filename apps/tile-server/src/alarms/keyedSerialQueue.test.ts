import { describe, expect, it } from 'vitest';
import { KeyedSerialQueue } from './keyedSerialQueue.js';

function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('KeyedSerialQueue', () => {
  it('runs the tasks of one key in order, one at a time', async () => {
    const queue = new KeyedSerialQueue();
    const log: string[] = [];
    const first = gate();
    const a = queue.run('S-1', async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
    });
    const b = queue.run('S-1', async () => {
      log.push('b');
    });
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    first.open();
    await Promise.all([a, b]);
    expect(log).toEqual(['a start', 'a end', 'b']);
  });

  it('runs different keys side by side', async () => {
    const queue = new KeyedSerialQueue();
    const blocked = gate();
    const slow = queue.run('S-1', () => blocked.promise);
    await expect(queue.run('S-2', () => Promise.resolve('other'))).resolves.toBe('other');
    blocked.open();
    await slow;
  });

  it('keeps going after a failed task and forgets idle keys', async () => {
    const queue = new KeyedSerialQueue();
    const failed = queue.run('S-1', () => Promise.reject(new Error('disk full')));
    const next = queue.run('S-1', () => Promise.resolve(2));
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.size).toBe(0);
  });
});
