// Stops a guest at its timeout. KVM_RUN blocks the calling thread, so a POSIX timer aimed at that
// thread sends SIGUSR2: KVM_RUN returns EINTR and the run loop sees the deadline has passed. The
// timer repeats, so a signal that lands between two KVM_RUN calls is followed by another.
import { isMainThread } from 'node:worker_threads';
import * as libc from '../sys/libc.js';

export const KICK_SIGNAL = 12; // SIGUSR2
const REPEAT_MS = 10;
let handlerInstalled = false;

/**
 * Installs the no-op SIGUSR2 handler that keeps the kick from killing the process. Signal dispositions
 * are process-wide, so the main thread's handler also covers vCPU threads in workers.
 */
export function installKickHandler(): void {
  if (handlerInstalled || !isMainThread) return;
  process.on('SIGUSR2', () => {});
  handlerInstalled = true;
}

export class Watchdog {
  readonly deadline: number;
  private timer: bigint | undefined;

  constructor(readonly timeoutMs: number, tid = libc.gettid()) {
    installKickHandler();
    this.deadline = performance.now() + timeoutMs;
    this.timer = libc.threadTimerCreate(tid, KICK_SIGNAL);
    libc.threadTimerArm(this.timer, Math.max(timeoutMs, 1), REPEAT_MS);
  }

  get expired(): boolean {
    return performance.now() >= this.deadline;
  }

  close(): void {
    if (this.timer !== undefined) libc.threadTimerDelete(this.timer);
    this.timer = undefined;
  }
}
