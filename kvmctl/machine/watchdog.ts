// Stops a guest at its timeout. KVM_RUN blocks the calling thread, so a POSIX timer aimed at that
// thread sends SIGUSR2: KVM_RUN returns EINTR and the run loop sees the deadline has passed. The
// timer repeats, so a signal that lands between two KVM_RUN calls is followed by another.
import * as libc from '../engine/sys/libc.js';
import { installKickHandler, KICK_SIGNAL } from './kick.js';

export { installKickHandler, KICK_SIGNAL };

const REPEAT_MS = 10;

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
