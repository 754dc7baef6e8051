// Host half of translate: KVM_TRANSLATE at checkpoint 1, after the guest mapped GVA 0x400000 -> GPA 0x7000
// (writable), 0x401000 -> 0x9000 (read-only) and left 0x402000 not present.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hex = (v: bigint | number) => `0x${v.toString(16)}`;

const hooks: HostHooks = {
  onCheckpoint(n, { vcpu, fail }) {
    if (n !== 1) return;
    const expect = (gva: bigint, gpa: bigint | undefined, writeable?: number) => {
      const t = vcpu.translate(gva);
      if (gpa === undefined) {
        if (t.valid !== 0) fail(`KVM_TRANSLATE ${hex(gva)} (not present): valid=${t.valid}, physical_address=${hex(t.physical_address)}`);
        return;
      }
      if (t.valid !== 1) fail(`KVM_TRANSLATE ${hex(gva)}: valid=${t.valid}, expected 1`);
      if (t.physical_address !== gpa) fail(`KVM_TRANSLATE ${hex(gva)}: physical_address ${hex(t.physical_address)}, expected ${hex(gpa)}`);
      if (writeable !== undefined && t.writeable !== writeable) fail(`KVM_TRANSLATE ${hex(gva)}: writeable=${t.writeable}, expected ${writeable}`);
    };
    expect(0x400123n, 0x7123n, 1);
    expect(0x401456n, 0x9456n);
    expect(0x402000n, undefined);
  },
};
export default hooks;
