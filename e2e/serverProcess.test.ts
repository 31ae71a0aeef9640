import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { ReadinessResponse } from '@pengcheng/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SERVER_ENTRY, startServer } from './fixtures/serverProcess.js';

// The built server as a black box: the process a person starts with `npm start`.
beforeAll(() => {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run \`npm run build:ts\` first`);
});

function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVER_ENTRY], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('the server process', () => {
  it('refuses to start on a bad config value, with a one-line reason', async () => {
    const { code, stderr, stdout } = await run({ PORT: 'abc' });
    expect(code).toBe(2);
    expect(stderr).toBe('pengcheng-tile-server: invalid configuration: PORT must be an integer from 0 to 65535 (got "abc")\n');
    expect(stdout).toBe('');
  });

  it('on SIGTERM turns /readyz to 503, then exits within its deadline despite open connections', async () => {
    const timeoutMs = 2000;
    const server = await startServer({ SHUTDOWN_DRAIN_MS: '500', SHUTDOWN_TIMEOUT_MS: String(timeoutMs) });
    // A browser's idle keep-alive connection, and one stuck mid-request (headers never finished).
    const idle = await openSocket(server.port);
    idle.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    await new Promise((r) => idle.once('data', r));
    const stuck = await openSocket(server.port);
    stuck.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    const closed = Promise.all([idle, stuck].map((s) => new Promise((r) => s.once('close', r))));

    const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve));
    const signalled = Date.now();
    server.process.kill('SIGTERM');

    // The signal arrives asynchronously: poll until readiness reflects it (the drain lasts 500 ms).
    let readiness: ReadinessResponse | undefined;
    for (let attempt = 0; attempt < 40 && readiness?.status !== 'draining'; attempt++) {
      const res = await fetch(new URL('/readyz', server.url));
      readiness = ReadinessResponse.parse(await res.json());
      expect(res.status).toBe(readiness.ready ? 200 : 503);
      if (readiness.status !== 'draining') await new Promise((r) => setTimeout(r, 25));
    }
    expect(readiness?.status).toBe('draining');

    const code = await exited;
    const elapsed = Date.now() - signalled;
    expect(code).toBe(0);
    // The deadline, plus the time for a process to exit on a loaded 2-core machine.
    expect(elapsed).toBeLessThan(timeoutMs + 1500);
    await closed;
    await server.stop();
  });
});
