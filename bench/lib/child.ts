/**
 * @module Servers under test run in a child process (as loopback-testing.md recommends), so the driver's own
 * work (signing, fakes, timing) never shares an event loop with them. A child is a TypeScript file run by
 * `node --import tsx`; it sends `{ ready: true, ... }` over IPC when it listens, and is stopped by its pid.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ReadyMessage {
  readonly ready: true;
  readonly port?: number;
  readonly [key: string]: unknown;
}

export interface Child {
  readonly process: ChildProcess;
  readonly ready: ReadyMessage;
  /** Sends a request over IPC and resolves with the child's next message carrying the same `id`. */
  ask<T = Record<string, unknown>>(message: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export interface ChildOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly execArgv?: readonly string[];
  readonly timeoutMs?: number;
}

let asked = 0;

/** Forks `script` (a path relative to the project root) and waits for its ready message. */
export async function startChild(
  script: string,
  args: readonly string[] = [],
  opts: ChildOptions = {},
): Promise<Child> {
  const child = fork(fileURLToPath(new URL(script, `file://${ROOT}`)), [...args], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...(opts.execArgv ?? [])],
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Generous: under a loaded machine a child loading discord.js through tsx took over 30 s to be ready.
  const timeoutMs = opts.timeoutMs ?? 90_000;
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} ${args.join(' ')}: not ready after ${timeoutMs} ms\n${stderr}`)),
      timeoutMs,
    );
    child.on('message', function onMessage(m: unknown) {
      if ((m as ReadyMessage)?.ready) {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(m as ReadyMessage);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} ${args.join(' ')}: exited with ${code} before ready\n${stderr}`));
    });
  }).catch(async (e: unknown) => {
    child.kill('SIGKILL');
    throw e;
  });
  return {
    process: child,
    ready,
    ask<T>(message: Record<string, unknown>, askTimeoutMs = 600_000) {
      const id = ++asked;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${script}: no answer to ${JSON.stringify(message)}\n${stderr}`)),
          askTimeoutMs,
        );
        const onMessage = (m: unknown) => {
          if ((m as { id?: number })?.id !== id) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(m as T);
        };
        child.on('message', onMessage);
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`${script}: exited with ${code}\n${stderr}`));
        });
        child.send({ ...message, id });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** In a child: tells the parent it is ready. */
export function signalReady(extra: Record<string, unknown> = {}): void {
  process.send?.({ ready: true, ...extra });
}

/** In a child: answers `{ ask: 'cpu' }` with this process's CPU time so far (µs, user + system). */
export function answerCpuAsks(): void {
  process.on('message', (m: { id?: number; ask?: string }) => {
    if (m?.ask !== 'cpu') return;
    const u = process.cpuUsage();
    process.send?.({ id: m.id, cpuUs: u.user + u.system });
  });
}

/** In the parent: CPU time a child spent while `work` ran (µs). Other traffic to the child must be quiet. */
export async function cpuDuring(child: Child, work: () => Promise<void>): Promise<number> {
  const before = await child.ask<{ cpuUs: number }>({ ask: 'cpu' });
  await work();
  const after = await child.ask<{ cpuUs: number }>({ ask: 'cpu' });
  return after.cpuUs - before.cpuUs;
}

/** In a child: exits when the parent goes away or asks it to stop. */
export function exitWithParent(cleanup: () => Promise<void> = async () => undefined): void {
  const bye = () => void cleanup().finally(() => process.exit(0));
  process.on('disconnect', bye);
  process.on('SIGTERM', bye);
}
