import { ReadinessResponse } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import { Lifecycle } from './lifecycle.js';

describe('Lifecycle', () => {
  it('is not ready while starting, ready once marked, and never ready again once draining', () => {
    const lifecycle = new Lifecycle();
    expect(lifecycle.report()).toMatchObject({ status: 'starting', ready: false });
    lifecycle.markReady();
    expect(lifecycle.report()).toMatchObject({ status: 'ready', ready: true });
    lifecycle.startDraining();
    lifecycle.markReady();
    expect(lifecycle.report()).toMatchObject({ status: 'draining', ready: false });
  });

  it('is not ready while any dependency probe fails, and says which', () => {
    const lifecycle = new Lifecycle();
    let redisUp = false;
    lifecycle.addProbe('redis', () => ({ name: 'redis', ok: redisUp, detail: redisUp ? undefined : 'connection refused' }));
    lifecycle.markReady();
    const down = lifecycle.report();
    expect(ReadinessResponse.parse(down)).toEqual(down);
    expect(down.ready).toBe(false);
    expect(down.checks).toEqual([{ name: 'redis', ok: false, detail: 'connection refused' }]);
    redisUp = true;
    expect(lifecycle.report().ready).toBe(true);
  });
});
