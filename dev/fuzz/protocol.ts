// What the fuzz supervisor (fuzz.ts) and its child processes (child.ts) say to each other, and how a
// process measures itself: open fds, vCPU kvm_run mappings and RSS.
import { readdirSync, readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Final } from '../../kvmctl/machine/run.js';
import type { Mode } from '../../kvmctl/machine/layout.js';

export interface ChildConfig {
  seed: number;
  mode?: Mode;
  timeoutMs: number;
}

export interface ChildJob {
  index: number;
  /** Harness self-test only: misbehave on purpose (throw, hang, crash, leak). */
  inject?: 'throw' | 'hang' | 'crash' | 'leak';
  /** Collect garbage before measuring RSS for this reply (a sample point). */
  measure?: boolean;
}

/** Asks a child for a measurement (after garbage collection) without running a guest. */
export interface MeasureRequest {
  measure: 'now';
}

export interface Usage {
  fds: number;
  vcpuMaps: number;
  rss: number;
  /** V8's heap in use: flat while RSS drifts means the drift is heap sizing or malloc, not retained objects. */
  heapUsed: number;
}

/** The usage figures of a reply, without the rest of it. */
export const usageOf = (m: Usage): Usage => ({ fds: m.fds, vcpuMaps: m.vcpuMaps, rss: m.rss, heapUsed: m.heapUsed });

export type ChildReply =
  | ({ type: 'ready'; pid: number } & Usage)
  | ({ type: 'measured' } & Usage)
  | { type: 'host-error'; message: string }
  | ({ type: 'verdict'; index: number; verdict: string; final: string; exits: number; ms: number } & Usage)
  | ({ type: 'runner-error'; index: number; kind: 'throw' | 'leak'; message: string } & Usage);

export const fdCount = (): number => readdirSync('/proc/self/fd').length;
/** kvm_run mappings of vCPUs (anon_inode:kvm-vcpu:N in /proc/self/maps). */
export const vcpuMaps = (): number => readFileSync('/proc/self/maps', 'utf8').split('\n').filter((l) => l.includes('kvm-vcpu')).length;
export const usage = (): Usage => {
  const { rss, heapUsed } = process.memoryUsage();
  return { fds: fdCount(), vcpuMaps: vcpuMaps(), rss, heapUsed };
};

let gc: (() => void) | undefined;
/**
 * A full garbage collection, then one turn of the event loop (N-API finalizers, such as the ones that
 * free koffi's views of a vCPU's kvm_run mapping, run there), then another collection: what RSS shows
 * afterwards is what is retained, not garbage that is merely waiting.
 */
export async function settle(): Promise<void> {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  await nextTurn();
  gc();
}

/** usage() after settle(). */
export async function settledUsage(): Promise<Usage> {
  await settle();
  return usage();
}

/** The kind of verdict a run ended in, for counting: the exit reason, with the vector or suberror. */
export function verdictKind(final: Final): string {
  switch (final.reason) {
    case 'exception':
      // The default stubs report vectors 0-255; anything else is a guest writing to the exception port itself.
      if (final.vector > 0xff) return 'exception port written by the guest (not a vector)';
      if (final.vector >= 32) return 'exception (software interrupt, vector 32-255)';
      return final.name.startsWith('exception') ? final.name : `exception ${final.name}`; // 'exception 22' for unnamed vectors
    case 'internal_error': return `internal_error ${final.suberrorName}`;
    case 'debug': return `debug #${final.exception}`;
    default: return final.reason;
  }
}
