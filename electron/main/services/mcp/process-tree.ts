/**
 * Ending a local MCP server's whole process tree. A command such as `npx some-server` or
 * `uvx some-server` runs the real server as a grandchild; the MCP client's StdioClientTransport
 * only ever signals its direct child, so the grandchild (and anything it started) would live
 * on after FROK stopped the server, or quit.
 *
 * The tree is listed (pidtree: `ps` on macOS and Linux, PowerShell/wmic on Windows) while the
 * direct child still runs: once it has exited, its children are re-parented and can no longer
 * be found from it.
 */
import { readFileSync } from 'node:fs';
import pidtree from 'pidtree';

export interface EndTreeOptions {
  /** How long the tree may take to exit on its own (stdin closed by the transport) before SIGTERM. */
  quietMs?: number;
  /** How long after SIGTERM before SIGKILL. */
  termMs?: number;
}

/** The process ids under `pid` (not `pid` itself); empty when they cannot be listed. */
export async function descendantsOf(pid: number): Promise<number[]> {
  try {
    return await pidtree(pid);
  } catch {
    return [];
  }
}

/** Whether a process with this id still runs. A zombie (exited, not yet reaped) does not. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    // ESRCH: gone. EPERM: the id now belongs to someone else's process, so not one of ours any more.
    return false;
  }
  return !isZombie(pid);
}

/**
 * On Linux, an orphan that exited stays a zombie until the init process reaps it, which some
 * (a container's) do only now and then: it has ended, so there is nothing to wait for.
 */
function isZombie(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) S …": the name may hold spaces and parentheses, the state follows the last ")".
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

async function waitGone(pids: number[], ms: number): Promise<number[]> {
  const end = Date.now() + ms;
  let left = pids.filter(isAlive);
  while (left.length > 0 && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    left = left.filter(isAlive);
  }
  return left;
}

/**
 * Ends `root` and every process under it, given the `descendants` listed while `root` still ran.
 * Waits `quietMs` for them to exit on their own, then sends SIGTERM to those left, then SIGKILL
 * after `termMs`. On Windows both signals end the process at once (TerminateProcess).
 * Resolves once all of them are gone (or could not be ended).
 */
export async function endTree(root: number, descendants: number[], o: EndTreeOptions = {}): Promise<void> {
  const quietMs = o.quietMs ?? 1000;
  const termMs = o.termMs ?? 2000;
  let family = [...new Set([root, ...descendants])];
  let left = await waitGone(family, quietMs);
  if (left.length === 0) return;
  // Anything the tree started since it was first listed.
  if (isAlive(root)) family = [...new Set([...left, ...(await descendantsOf(root))])];
  else family = left;
  // Children before parents, so a parent that forwards signals finds nothing left to forward to.
  for (const pid of [...family].reverse()) signal(pid, 'SIGTERM');
  left = await waitGone(family, termMs);
  for (const pid of left) signal(pid, 'SIGKILL');
  await waitGone(left, 1000);
}
