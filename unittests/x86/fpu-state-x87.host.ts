// Host half of fpu-state-x87: KVM_SET_FPU st(0) at the guest's checkpoint, KVM_GET_FPU's tag word after the run
// (see fpu-state-x87.S).
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

// 3.0 in 80-bit extended precision: mantissa 0xc000000000000000, exponent 0x4000.
const THREE = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0xc0, 0x00, 0x40, 0, 0, 0, 0, 0, 0]);

const hooks: HostHooks = {
  onCheckpoint(n, { vcpu }) {
    if (n !== 1) return;
    const fpu = vcpu.getFpu();
    fpu.fpr[0] = THREE; // fld1 left TOP = 7 with physical register 7 tagged valid
    vcpu.setFpu({ fpr: fpu.fpr });
  },
  check(_outcome, { vcpu, fail }) {
    const fpu = vcpu.getFpu();
    if (fpu.ftwx !== 0) fail(`KVM_GET_FPU ftwx: expected 0 (the guest popped st(0)), got 0x${fpu.ftwx.toString(16)}`);
  },
};
export default hooks;
