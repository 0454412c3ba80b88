/**
 * No process an action starts outlives it. The runner cancels a step by
 * signalling the node process alone (SIGINT, then SIGTERM), and node's default
 * is to exit on the spot, leaving kubectl, git or a builder running on the
 * runner and, for kubectl, still changing the cluster. So the run wrapper ends
 * them: the children spawners registered, and every process descended from
 * this one (found in /proc, or with ps where there is no /proc), which covers
 * spawners that registered nothing.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const live = new Set<ChildProcess>();

/** Registers a child until it exits, for {@link endChildren}. */
export function trackChild<T extends ChildProcess>(child: T): T {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return child;
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  return child;
}

/** pid -> parent pid of every live process, or undefined when the system tells neither way. */
function parents(): Map<number, number> | undefined {
  const table = new Map<number, number>();
  if (existsSync('/proc/self/stat')) {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // The command may hold spaces and parentheses: the fields start after the last ')'.
        const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (state !== 'Z') table.set(Number(name), Number(ppid));
      } catch {
        // gone meanwhile
      }
    }
    return table;
  }
  if (process.platform === 'win32') return undefined;
  try {
    const out = execFileSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid='], { encoding: 'utf8', timeout: 5000 });
    for (const line of out.split('\n')) {
      const [pid, ppid] = line.trim().split(/\s+/).map(Number);
      if (pid && ppid) table.set(pid, ppid);
    }
    return table;
  } catch {
    return undefined;
  }
}

/** Every live process descended from `root`, parents before their children. */
export function descendantsOf(root: number = process.pid): number[] {
  const table = parents();
  if (!table) return [];
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [pid, ppid] of table) {
      if (ppid === parent && pid !== parent && !found.includes(pid)) {
        found.push(pid);
        visit(pid);
      }
    }
  };
  visit(root);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie answers signal 0; it is dead all the same.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/**
 * Ends every child process: SIGTERM first, so kubectl and git can stop
 * cleanly, then SIGKILL for what still runs after `graceMs`. Resolves when
 * none is left or the grace is over.
 */
export async function endChildren({ graceMs = 1000 }: { graceMs?: number } = {}): Promise<number[]> {
  // The whole tree is listed before anything is signalled: a child's children are orphaned once it dies.
  const pids = [...new Set([...[...live].map((child) => child.pid!), ...descendantsOf()])].filter((pid) => pid !== process.pid);
  if (!pids.length) return [];
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const pid of pids.filter(alive)) signal(pid, 'SIGKILL');
  live.clear();
  return pids;
}
