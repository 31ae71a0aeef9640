import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../../../e2e/fixtures/serverProcess.js';

/**
 * Which server was measured: the commit, and whether apps/tile-server had uncommitted changes
 * (the built dist/ may hold work in progress).
 */
export function serverRevision(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'apps/tile-server') !== '';
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in apps/tile-server' : ''}`;
  } catch {
    return 'unknown commit (no git)';
  }
}
