// Host half of fpu-state: KVM_SET_FPU and KVM_GET_FPU at the guest's checkpoints (see fpu-state.S).
import type { HostHooks } from '../../kvmctl/test/host-hooks.js';

const bytes = (from: number) => Uint8Array.from({ length: 16 }, (_, i) => from + i);
const show = (b: Uint8Array) => Buffer.from(b).toString('hex');
// 3.0 in 80-bit extended precision: mantissa 0xc000000000000000, exponent 0x4000.
const THREE = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0xc0, 0x00, 0x40, 0, 0, 0, 0, 0, 0]);

const hooks: HostHooks = {
  onCheckpoint(n, { vcpu, fail }) {
    const fpu = vcpu.getFpu();
    if (n === 1) {
      fpu.xmm[0] = bytes(0x00);
      vcpu.setFpu({ xmm: fpu.xmm });
    } else if (n === 2) {
      if (show(fpu.xmm[1]) !== show(bytes(0xf0))) fail(`KVM_GET_FPU xmm1: expected ${show(bytes(0xf0))}, got ${show(fpu.xmm[1])}`);
    } else if (n === 3) {
      fpu.fpr[0] = THREE; // fld1 left TOP = 7 with physical register 7 tagged valid
      vcpu.setFpu({ fpr: fpu.fpr });
    }
  },
  check(_outcome, { vcpu, fail }) {
    const fpu = vcpu.getFpu();
    if (fpu.ftwx !== 0) fail(`KVM_GET_FPU ftwx: expected 0 (the guest popped st(0)), got 0x${fpu.ftwx.toString(16)}`);
  },
};
export default hooks;
