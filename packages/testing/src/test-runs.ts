// Several jest runs may share this machine's test substrate (a developer running two files,
// a CI run beside a session's): its ports are machine-wide. So provisioning happens under
// one machine-wide lock, every run registers itself, and the last run to finish stops
// what test runs started, never a substrate another run is still using.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from '@daybook/substrate';

const DIR = join('/var/tmp', 'daybook', 'test-runs');
const LOCK = join(DIR, 'lock');
const STARTED = join(DIR, 'started.json');

/** What test runs started and the last one out must stop. */
export interface StartedByTests {
  /** pids of processes (Kafka broker, Scheduler), each its own process group. */
  pids: number[];
  /** PostgreSQL data directories (stopped with pg_ctl). */
  postgres: string[];
}

/** Runs `fn` holding the machine-wide test-substrate lock (a directory: atomic to create). */
export async function withTestSubstrateLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(DIR, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch {
      const holder = Number(readFileSafe(join(LOCK, 'pid')));
      // A holder that died leaves the lock behind: take it over.
      if (holder > 0 && !isAlive(holder)) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Registers this run; call under the lock. */
export function registerRun(): void {
  writeFileSync(join(DIR, `run-${process.pid}`), String(process.pid));
}

/** Unregisters this run; true when no other live run remains. Call under the lock. */
export function unregisterRun(): boolean {
  rmSync(join(DIR, `run-${process.pid}`), { force: true });
  return liveRuns().length === 0;
}

/**
 * Call under the lock before provisioning: when no run is live, what an earlier run
 * recorded as started is stale (it died before its teardown), and its pids may since
 * belong to other processes: forget it rather than ever signal them.
 */
export function forgetStaleRecords(): void {
  if (liveRuns().length === 0) clearStarted();
}

function liveRuns(): number[] {
  return readdirSync(DIR)
    .filter((f) => f.startsWith('run-'))
    .map((f) => Number(f.slice(4)))
    .filter((pid) => {
      if (isAlive(pid)) return true;
      rmSync(join(DIR, `run-${pid}`), { force: true });
      return false;
    });
}

export function readStarted(): StartedByTests {
  const text = readFileSafe(STARTED);
  return text ? (JSON.parse(text) as StartedByTests) : { pids: [], postgres: [] };
}

export function recordStarted(add: Partial<StartedByTests>): void {
  const now = readStarted();
  writeFileSync(
    STARTED,
    JSON.stringify({ pids: [...now.pids, ...(add.pids ?? [])], postgres: [...now.postgres, ...(add.postgres ?? [])] }),
  );
}

export function clearStarted(): void {
  rmSync(STARTED, { force: true });
}

function readFileSafe(file: string): string | undefined {
  try {
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
