import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createViewerStore } from '../state/viewerStore.js';
import { startSearchSync } from './searchSync.js';

function answerFor(query: string) {
  return { query, total: 1, results: [{ id: 'BLD-000001', kind: 'building', name: { zh: query }, position: { lon: 117, lat: 34, height: 0 }, radiusM: 10, properties: {} }] };
}

describe('the search box and the server', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks once typing pauses, not for every key, and shows the answer for what is typed', async () => {
    const fetch = vi.fn(async (url: string) => Response.json(answerFor(new URL(url, 'http://x').searchParams.get('q') ?? '')));
    vi.stubGlobal('fetch', fetch);
    const store = createViewerStore();
    const stop = startSearchSync(store);
    for (const text of ['行', '行政', '行政中', '行政中心']) {
      store.getState().setSearchQuery(text);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(300);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(store.getState().searchAnswer).toMatchObject({ phase: 'done', query: '行政中心' }));
    stop();
  });

  it('drops an answer that comes after the query changed, and keeps the last one up while loading', async () => {
    const pending: Array<(r: Response) => void> = [];
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => pending.push(resolve))));
    const store = createViewerStore();
    const stop = startSearchSync(store);
    store.getState().setSearchQuery('主楼');
    await vi.advanceTimersByTimeAsync(300);
    pending[0]?.(Response.json(answerFor('主楼')));
    await vi.waitFor(() => expect(store.getState().searchAnswer.phase).toBe('done'));

    store.getState().setSearchQuery('西楼');
    await vi.advanceTimersByTimeAsync(300);
    const loading = store.getState().searchAnswer;
    expect(loading).toMatchObject({ phase: 'loading', query: '西楼', previous: { query: '主楼' } });
    store.getState().setSearchQuery('东楼');
    await vi.advanceTimersByTimeAsync(300);
    // The answer to 西楼 arrives late: its request was abandoned, it changes nothing.
    pending[1]?.(Response.json(answerFor('西楼')));
    await vi.advanceTimersByTimeAsync(10);
    expect(store.getState().searchAnswer).toMatchObject({ phase: 'loading', query: '东楼' });
    pending[2]?.(Response.json(answerFor('东楼')));
    await vi.waitFor(() => expect(store.getState().searchAnswer).toMatchObject({ phase: 'done', query: '东楼' }));

    store.getState().setSearchQuery('   ');
    expect(store.getState().searchAnswer.phase).toBe('idle');
    stop();
  });

  it('says when the server cannot answer', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 503 })));
    const store = createViewerStore();
    const stop = startSearchSync(store);
    store.getState().setSearchQuery('BLD-000001');
    await vi.advanceTimersByTimeAsync(300);
    await vi.waitFor(() => expect(store.getState().searchAnswer).toEqual({ phase: 'error', query: 'BLD-000001' }));
    stop();
  });
});
