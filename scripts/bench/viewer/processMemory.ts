import { readdir, readFile } from 'node:fs/promises';
import { processTree } from '../processTree.js';

async function parents(): Promise<Map<number, { ppid: number; comm: string }>> {
  const procs = new Map<number, { ppid: number; comm: string }>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    procs.set(Number(name), { ppid: Number(fields[1]), comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) });
  }
  return procs;
}

/**
 * Proportional set size of the Chromium processes this benchmark started (browser, renderer,
 * GPU process with SwiftShader's textures and buffers): shared pages are split, not counted
 * twice. Linux only.
 */
export async function browserPssBytes(): Promise<number> {
  const procs = await parents();
  const ours = processTree([process.pid], procs);
  let kib = 0;
  for (const pid of ours) {
    if (!/^(chromium|chrome)/.test(procs.get(pid)?.comm ?? '')) continue;
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    kib += Number(/^Pss:\s+(\d+) kB$/m.exec(rollup)?.[1] ?? 0);
  }
  return kib * 1024;
}
