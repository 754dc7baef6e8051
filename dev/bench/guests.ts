// The benchmark guests, byte for byte the same as reference.c (bench.ts compares both copies each run).
// ECX holds the loop count, set by the host, so the bytes do not depend on N.
import type { ExitReason } from '../../kvmctl/engine/kvm/exit.js';
import type { Mode } from '../../kvmctl/machine/layout.js';

export interface BenchGuest {
  mode: Mode;
  bytes: Uint8Array;
  /** The exit every loop iteration makes; HLT ends the run. */
  exit: ExitReason;
}

export const GUESTS = {
  // 1: out %al,$0x80; dec %ecx; jnz 1b; hlt
  pio: { mode: 'real', bytes: Uint8Array.of(0xe6, 0x80, 0x66, 0x49, 0x75, 0xfa, 0xf4), exit: 'io' },
  // mov $0x300000,%ebx; 1: mov %al,(%ebx); dec %ecx; jnz 1b; hlt -- 0x300000 lies past 2 MiB of RAM
  mmio: { mode: 'protected', bytes: Uint8Array.of(0xbb, 0x00, 0x00, 0x30, 0x00, 0x88, 0x03, 0x49, 0x75, 0xfb, 0xf4), exit: 'mmio' },
  // hlt
  lifecycle: { mode: 'long', bytes: Uint8Array.of(0xf4), exit: 'hlt' },
} as const satisfies Record<string, BenchGuest>;

export type PairFigure = keyof typeof GUESTS;
export const PAIR_FIGURES = Object.keys(GUESTS) as PairFigure[];

export const hexBytes = (b: Uint8Array): string => Buffer.from(b).toString('hex');
