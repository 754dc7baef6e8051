// Host half of io-string-out: every string-OUT exit's data lies at kvm_run + data_offset, which on x86 is
// the page after kvm_run (KVM_PIO_PAGE_OFFSET = 1 in <asm/kvm.h>), inside the vCPU mapping.
import type { HostHooks } from '../../kvmctl/test/host-hooks.js';

const PIO_DATA_OFFSET = 1 * 4096; // KVM_PIO_PAGE_OFFSET * PAGE_SIZE
const offsets: number[] = [];

const hooks: HostHooks = {
  setup() {
    offsets.length = 0;
  },
  onExit(exit, { system, fail }) {
    if (exit.reason !== 'io' || exit.port !== 0x80) return undefined;
    offsets.push(exit.dataOffset);
    if (exit.dataOffset + exit.size * exit.count > system.vcpuMmapSize()) fail(`data_offset 0x${exit.dataOffset.toString(16)} + ${exit.size * exit.count} bytes is outside the vCPU mapping`);
    return undefined;
  },
  check(_outcome, { fail }) {
    if (offsets.length === 0) fail('no I/O exit on port 0x80');
    for (const [i, o] of offsets.entries()) {
      if (o !== PIO_DATA_OFFSET) fail(`exit ${i + 1}: data_offset 0x${o.toString(16)}, expected 0x${PIO_DATA_OFFSET.toString(16)} (KVM_PIO_PAGE_OFFSET)`);
    }
  },
};
export default hooks;
