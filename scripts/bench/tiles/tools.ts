import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface Tools {
  readonly nginx: string;
  readonly wrk: string;
  readonly nginxVersion: string;
  readonly wrkVersion: string;
}

/** nginx lives in /usr/sbin, which is often missing from a non-root PATH. */
function which(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin'];
  return dirs.map((dir) => path.join(dir, name)).find((file) => existsSync(file));
}

/** First line of a version banner: `nginx -v` prints it to stderr, wrk prints it then exits 1. */
function versionOf(command: string, args: string[]): string {
  const { stdout, stderr } = spawnSync(command, args, { encoding: 'utf8' });
  return `${stdout}${stderr}`.split('\n')[0]?.trim() ?? '';
}

/**
 * nginx and wrk from Debian, installed with apt-get when missing and we are root (the bench is
 * meant to run on a fresh reference machine); otherwise says what to install and exits 1.
 */
export function ensureTools(): Tools {
  let nginx = which('nginx');
  let wrk = which('wrk');
  if (!nginx || !wrk) {
    if (process.getuid?.() !== 0) {
      console.error('This benchmark needs nginx and wrk: sudo apt-get install -y nginx-light wrk');
      process.exit(1);
    }
    console.error('Installing nginx-light and wrk with apt-get...');
    execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('apt-get', ['install', '-y', 'nginx-light', 'wrk'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    nginx = which('nginx');
    wrk = which('wrk');
    if (!nginx || !wrk) throw new Error('apt-get install nginx-light wrk did not provide nginx and wrk');
  }
  return {
    nginx,
    wrk,
    nginxVersion: versionOf(nginx, ['-v']).replace(/^nginx version:\s*/, ''),
    wrkVersion: versionOf(wrk, ['--version']).replace(/\s*Copyright.*$/, ''),
  };
}
