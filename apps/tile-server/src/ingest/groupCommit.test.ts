import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './groupCommit.js';

function deferredWriter() {
  const calls: number[][] = [];
  const pending: (() => void)[] = [];
  const write = (items: readonly number[]) =>
    new Promise<string[]>((resolve, reject) => {
      calls.push([...items]);
      pending.push(() => (items.includes(-1) ? reject(new Error('disk full')) : resolve(items.map((n) => `ok ${n}`))));
    });
  const release = async () => {
    while (pending.length === 0) await new Promise((resolve) => setImmediate(resolve));
    pending.shift()?.();
  };
  return { write, calls, release };
}

describe('group commit', () => {
  it('merges calls made during a write into one next write, and gives each caller its own results', async () => {
    const writer = deferredWriter();
    const commit = createGroupCommit(writer.write, 100);
    const first = commit([1]);
    const second = commit([2, 3]);
    const third = commit([4]);
    await writer.release();
    await writer.release();
    expect(await Promise.all([first, second, third])).toEqual([['ok 1'], ['ok 2', 'ok 3'], ['ok 4']]);
    expect(writer.calls).toEqual([[1], [2, 3, 4]]);
  });

  it('does not merge beyond the item limit', async () => {
    const writer = deferredWriter();
    const commit = createGroupCommit(writer.write, 2);
    const all = Promise.all([commit([1]), commit([2]), commit([3]), commit([4])]);
    for (let i = 0; i < 3; i += 1) await writer.release();
    await all;
    expect(writer.calls).toEqual([[1], [2, 3], [4]]);
  });

  it('fails every caller of a failed write, and goes on with the next', async () => {
    const writer = deferredWriter();
    const commit = createGroupCommit(writer.write, 100);
    const first = commit([0]);
    const second = commit([-1]);
    const third = commit([5]);
    const fourth = new Promise((resolve) => setImmediate(resolve)).then(() => commit([6]));
    await writer.release();
    await writer.release();
    await expect(second).rejects.toThrow('disk full');
    await expect(third).rejects.toThrow('disk full');
    await writer.release();
    expect(await first).toEqual(['ok 0']);
    expect(await fourth).toEqual(['ok 6']);
  });
});
