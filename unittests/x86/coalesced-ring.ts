// Shared by the coalesced-mmio and coalesced-pio host files: compares the entries taken from the
// coalesced ring with the writes the guest made, in order (only the written bytes of `data` count).
import type { CoalescedEntry } from '../../kvmctl/engine/abi/devices.js';

/** [address or port, length, value] */
export type Write = [bigint, number, bigint];

const hex = (n: bigint | number) => `0x${n.toString(16)}`;
const show = (e: CoalescedEntry) => `${hex(e.phys_addr)}/${e.len}${e.pio ? ' pio' : ''}=${hex(e.data & ((1n << BigInt(8 * Math.min(e.len, 8))) - 1n))}`;

export function checkRing(when: string, got: CoalescedEntry[], want: Write[], pio: number, fail: (m: string) => void): void {
  const same = got.length === want.length && want.every(([addr, len, value], i) => {
    const e = got[i];
    const mask = (1n << BigInt(8 * len)) - 1n;
    return e.phys_addr === addr && e.len === len && e.pio === pio && (e.data & mask) === value;
  });
  if (!same) {
    const expected = want.map(([a, l, v]) => `${hex(a)}/${l}${pio ? ' pio' : ''}=${hex(v)}`).join(', ');
    fail(`coalesced ring ${when}: expected [${expected}], got [${got.map(show).join(', ')}]`);
  }
}
