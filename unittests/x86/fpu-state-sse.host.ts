// Host half of fpu-state-sse: KVM_SET_FPU xmm0 and KVM_GET_FPU xmm1 at the guest's checkpoints (see fpu-state-sse.S).
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const bytes = (from: number) => Uint8Array.from({ length: 16 }, (_, i) => from + i);
const show = (b: Uint8Array) => Buffer.from(b).toString('hex');

const hooks: HostHooks = {
  onCheckpoint(n, { vcpu, fail }) {
    const fpu = vcpu.getFpu();
    if (n === 1) {
      fpu.xmm[0] = bytes(0x00);
      vcpu.setFpu({ xmm: fpu.xmm });
    } else if (n === 2) {
      if (show(fpu.xmm[1]) !== show(bytes(0xf0))) fail(`KVM_GET_FPU xmm1: expected ${show(bytes(0xf0))}, got ${show(fpu.xmm[1])}`);
    }
  },
};
export default hooks;
