// CPU time per process, read from /proc/<pid>/stat (utime + stime, every thread of the
// process): what a benchmark's operations cost each process of the path, independent of
// how busy the rest of the machine is. Wall-clock throughput on a shared 2-core machine
// moves with whatever else runs; CPU per operation does not (much).
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds a process has used so far, or undefined once it is gone. */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Pids whose command line contains `needle` (e.g. `kafka.Kafka`). */
export function pidsByCommandLine(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** A named group of processes whose CPU is counted together (e.g. every PostgreSQL backend). */
export interface ProcessGroup {
  name: string;
  /** The group's pids now (called at the start and at the end of the window). */
  pids: () => number[] | Promise<number[]>;
  /** Counts this process's own CPU with process.cpuUsage() instead of /proc. */
  self?: boolean;
}

export interface CpuRow {
  name: string;
  /** CPU seconds over the window. */
  seconds: number;
  /** Share of one core over the window. */
  share: number;
}

/**
 * Starts a window: returns `stop`, which gives each group's CPU over the window. A process
 * in both samples counts its difference; one that started during the window counts all of
 * its time (it is young); one that ended during it is lost (rare: pools keep connections).
 */
export async function cpuWindow(groups: ProcessGroup[]): Promise<() => Promise<CpuRow[]>> {
  const sample = async () =>
    Promise.all(
      groups.map(async (g) => {
        if (g.self) {
          const u = process.cpuUsage();
          return new Map([[process.pid, (u.user + u.system) / 1e6]]);
        }
        const m = new Map<number, number>();
        for (const pid of await g.pids()) {
          const s = cpuSecondsOf(pid);
          if (s !== undefined) m.set(pid, s);
        }
        return m;
      }),
    );
  const startedAt = performance.now();
  const before = await sample();
  return async () => {
    const after = await sample();
    const elapsed = (performance.now() - startedAt) / 1000;
    return groups.map((g, i) => {
      let seconds = 0;
      for (const [pid, s] of after[i]!) seconds += s - (before[i]!.get(pid) ?? 0);
      return { name: g.name, seconds, share: seconds / elapsed };
    });
  };
}

/** The table the bench prints: each group's share of a core and CPU per operation. */
export function cpuTable(rows: CpuRow[], operations: number): string {
  const total = rows.reduce((sum, r) => sum + r.seconds, 0);
  const line = (name: string, seconds: number, share: number) =>
    `| ${name} | ${(share * 100).toFixed(1)}% | ${((seconds * 1000) / operations).toFixed(3)} ms |`;
  const totalShare = rows.reduce((sum, r) => sum + r.share, 0);
  return [
    `| process | share of a core | CPU per operation (${operations} operations) |`,
    '|---|---|---|',
    ...rows.map((r) => line(r.name, r.seconds, r.share)),
    line('total', total, totalShare),
  ].join('\n');
}
