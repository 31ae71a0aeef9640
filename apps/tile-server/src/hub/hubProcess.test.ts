import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIVE_NAMESPACE, LIVE_SOCKET_PATH } from '@pengcheng/protocol';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { HUB_TOKENS } from '../../test-support/hubClients.js';

const ENTRY = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

describe('the built server on SIGTERM', () => {
  it('tells its hub clients to reconnect elsewhere, lets them go, and exits within its deadline', async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pengcheng-hub-process-'));
    const timeoutMs = 3000;
    const child = spawn(process.execPath, [ENTRY], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        SIM: 'off',
        DEVICE_TOKENS: `wall:viewer:${HUB_TOKENS.viewer}`,
        SHUTDOWN_DRAIN_MS: '200',
        SHUTDOWN_TIMEOUT_MS: String(timeoutMs),
        HUB_RECONNECT_SPREAD_MS: '1000',
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = `http://127.0.0.1:${port}`;
      for (let ready = false; !ready; ) {
        if (child.exitCode !== null) throw new Error('the server exited at start');
        ready = await fetch(`${url}/readyz`).then((res) => res.status === 200, () => false);
        if (!ready) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const sockets = Array.from({ length: 6 }, () =>
        io(`${url}${LIVE_NAMESPACE}`, { path: LIVE_SOCKET_PATH, auth: { token: HUB_TOKENS.viewer }, transports: ['websocket'], reconnection: false, forceNew: true }),
      );
      const told = sockets.map(
        (socket) =>
          new Promise<{ reconnectAfterMs: number; then: string }>((resolve) => {
            socket.once('server:shutdown', (notice: { reconnectAfterMs: number }) => socket.once('disconnect', (reason) => resolve({ ...notice, then: reason })));
          }),
      );
      await Promise.all(sockets.map((socket) => new Promise((resolve) => socket.once('connect', () => resolve(undefined)))));

      const signalled = Date.now();
      child.kill('SIGTERM');
      const notices = await Promise.all(told);
      expect(notices.every((n) => n.then === 'io server disconnect' && n.reconnectAfterMs >= 0 && n.reconnectAfterMs < 1000)).toBe(true);
      expect(await exited).toBe(0);
      // The deadline, plus the time for a process to exit on a loaded machine.
      expect(Date.now() - signalled).toBeLessThan(timeoutMs + 1500);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
