import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { REPO_ROOT } from '../../../e2e/fixtures/serverProcess.js';

/** Mosquitto lives in /usr/sbin, often missing from PATH; `mosquitto -h` prints its version first. */
export function mosquittoVersion(): string {
  const binary = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'].find((file) => existsSync(file)) ?? 'mosquitto';
  const { stdout, stderr } = spawnSync(binary, ['-h'], { encoding: 'utf8' });
  return `${stdout ?? ''}${stderr ?? ''}`.split('\n')[0]?.trim() || 'mosquitto (version unknown)';
}

function packageVersion(name: string): string {
  const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : '?';
}

function fileSystemOf(dir: string): string {
  try {
    return execFileSync('df', ['--output=fstype', dir], { encoding: 'utf8' }).split('\n')[1]?.trim() ?? '?';
  } catch {
    return '?';
  }
}

/** CPU, memory, kernel, Node and the libraries the runs go through. */
export function machineLine(): string {
  const cpu = cpus();
  const sqlite = new Database(':memory:');
  const sqliteVersion = (sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  sqlite.close();
  return [
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Linux ${release()}, Node ${process.version}`,
    `SQLite ${sqliteVersion} (better-sqlite3 ${packageVersion('better-sqlite3')}; temp dir on ${fileSystemOf(tmpdir())}), pg ${packageVersion('pg')}, mqtt.js ${packageVersion('mqtt')}`,
  ].join(',\n');
}
