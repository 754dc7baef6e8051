// Starting a suite worker costs about as much as loading the CLI's argument parser, so `kvmctl run`
// starts the first worker before parsing its arguments and the two overlap. The pool adopts it.
import { Worker } from 'node:worker_threads';

/** Ctrl-C flag shared with every worker of this process (one suite run per process). */
export const cancelBuffer = new SharedArrayBuffer(4);

export interface Started {
  worker: Worker;
  /** Resolves with the worker's thread id once it has opened /dev/kvm; rejects when it cannot or dies first. */
  ready: Promise<number>;
}

/** Starts a worker and listens for its 'ready' at once, so the message is never missed. */
export function startWorker(): Started {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { cancel: cancelBuffer }, resourceLimits: WORKER_LIMITS });
  const ready = new Promise<number>((resolve, reject) => {
    const first = (m: { type: string; tid?: number; message?: string }) => {
      if (m.type !== 'ready' && m.type !== 'host-error') return;
      worker.off('message', first);
      if (m.type === 'ready') resolve(m.tid!);
      else reject(new Error(m.message)); // this host cannot run guests
    };
    worker.on('message', first);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker exited with code ${code} before it was ready`)));
  });
  ready.catch(() => {}); // handled by whoever takes the worker
  return { worker, ready };
}

/**
 * A small young generation: a test's garbage is tiny, and V8's default lets every worker's semi-spaces
 * grow by megabytes (measured: peak RSS of the suite 111 MB with the default, 107 MB with this).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

/**
 * Ends a worker, but never while it is still booting. Tearing a thread down while it loads koffi's
 * native addon aborts the whole process ("FATAL ERROR: napi_throw"), so wait until it has said
 * ready (or died) first; a booting worker says so within milliseconds.
 */
export async function stopWorker(s: Started): Promise<void> {
  s.worker.ref(); // an unreferenced worker would let the process exit under it while we wait
  await s.ready.catch(() => {});
  await s.worker.terminate();
}

let spare: Started | undefined;

/** Starts one worker now; it does not keep the process alive until a pool takes it. */
export function prewarm(): void {
  spare ??= startWorker();
  spare.worker.unref();
}

/**
 * Ends the pre-started worker if no pool took it (a bad flag, a header error, `--help`). Letting the
 * process exit under it is not safe: see stopWorker.
 */
export async function discardPrewarmed(): Promise<void> {
  const s = spare;
  spare = undefined;
  if (s) await stopWorker(s);
}

/** The pre-started worker, if any, for the pool to adopt. */
export function takePrewarmed(): Started | undefined {
  const s = spare;
  spare = undefined;
  s?.worker.ref();
  return s;
}
