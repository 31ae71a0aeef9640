/** The given processes and all their descendants, from a `/proc` snapshot of parent ids. */
export function processTree(roots: readonly number[], procs: ReadonlyMap<number, { readonly ppid: number }>): Set<number> {
  const tree = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, { ppid }] of procs) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return tree;
}
