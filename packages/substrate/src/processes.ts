import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_DIR, PID_DIR } from './paths';
import { waitFor } from './wait';

export interface ManagedProcess {
  name: string;
  pid: number;
  logFile: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logDir?: string;
  pidDir?: string;
  /**
   * `ours` (default): a moved test clock (libfaketime, scripts/test-clock.sh) reaches the
   * process even when `env` is a whitelist, as it must for our services. `real`: the
   * process keeps the real clock, as infrastructure does (PostgreSQL, Kafka, Dapr).
   */
  clock?: 'ours' | 'real';
}

/** The variables that move a process's clock (libfaketime), as this process has them. */
export function movedClockEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (e): e is [string, string] =>
        e[1] !== undefined && (e[0].startsWith('FAKETIME') || (e[0] === 'LD_PRELOAD' && e[1].includes('faketime'))),
    ),
  );
}

/** `env` without a moved clock: for infrastructure, whose clock is the real one. */
export function realClockEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const moved = movedClockEnv(env);
  return Object.fromEntries(Object.entries(env).filter(([k]) => !(k in moved)));
}

/**
 * Starts a process in its own process group (so a terminal's Ctrl-C reaches only us, and
 * we stop things in order), appending its output to `<logDir>/<name>.log` and recording
 * its pid in `<pidDir>/<name>.pid` for `npm stop`.
 */
export function startProcess(opts: StartOptions): ManagedProcess {
  const logDir = opts.logDir ?? LOG_DIR;
  const pidDir = opts.pidDir ?? PID_DIR;
  mkdirSync(logDir, { recursive: true });
  mkdirSync(pidDir, { recursive: true });
  const logFile = join(logDir, `${opts.name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env:
      opts.clock === 'real'
        ? realClockEnv(opts.env ?? process.env)
        : { ...(opts.env ?? process.env), ...movedClockEnv() },
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`could not start ${opts.name} (${opts.command})`);
  const pidFile = join(pidDir, `${opts.name}.pid`);
  writeFileSync(pidFile, String(child.pid));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      if (readPid(pidFile) === child.pid) rmSync(pidFile, { force: true });
      resolve(code ?? (signal ? 128 : null));
    });
  });
  child.unref();
  return { name: opts.name, pid: child.pid, logFile, child, exited };
}

function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SIGTERM to the process group, then SIGKILL after `graceMs`; resolves once it is gone. */
export async function stopPid(pid: number, graceMs = 10_000): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  if (!isAlive(pid)) return;
  signal('SIGTERM');
  try {
    await waitFor(`pid ${pid} to exit`, () => !isAlive(pid), { timeoutMs: graceMs, intervalMs: 50 });
  } catch {
    signal('SIGKILL');
    await waitFor(`pid ${pid} to die`, () => !isAlive(pid), { timeoutMs: 5_000, intervalMs: 50 });
  }
}

export async function stopProcess(p: ManagedProcess, graceMs?: number): Promise<void> {
  await stopPid(p.pid, graceMs);
  await p.exited;
}

/** Stops a process recorded in the pid folder (from a detached `npm start`). */
export async function stopByName(name: string, pidDir = PID_DIR, graceMs?: number): Promise<boolean> {
  const file = join(pidDir, `${name}.pid`);
  const pid = readPid(file);
  if (pid === undefined) return false;
  await stopPid(pid, graceMs);
  rmSync(file, { force: true });
  return true;
}

/** Last lines of a log file, for error messages that point at the cause. */
export function tail(file: string, lines = 20): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(-lines - 1)
    .join('\n');
}
