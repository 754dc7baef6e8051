// Kicking a thread out of KVM_RUN: SIGUSR2 aimed at its thread id makes a blocking KVM_RUN return
// EINTR. The FFI is loaded only when first needed, so `kvmctl run`'s main thread starts without it.
import { isMainThread } from 'node:worker_threads';

export const KICK_SIGNAL = 12; // SIGUSR2
let handlerInstalled = false;
let tgkill: ((pid: number, tid: number, signal: number) => void) | undefined;

/**
 * Installs the no-op SIGUSR2 handler that keeps the kick from killing the process. Signal dispositions
 * are process-wide, so the main thread's handler also covers vCPU threads in workers.
 */
export function installKickHandler(): void {
  if (handlerInstalled || !isMainThread) return;
  process.on('SIGUSR2', () => {});
  handlerInstalled = true;
}

/** Loads the FFI in the background, so that kickThread() is ready when it is needed. */
export async function preloadKick(): Promise<void> {
  tgkill ??= (await import('../engine/sys/libc.js')).tgkill;
}

/** Sends the kick to one thread of this process; a thread that is already gone is not an error. */
export function kickThread(tid: number): void {
  if (!tgkill) {
    void preloadKick().then(() => kickThread(tid));
    return;
  }
  try {
    tgkill(process.pid, tid, KICK_SIGNAL);
  } catch {
    /* the thread has finished */
  }
}
