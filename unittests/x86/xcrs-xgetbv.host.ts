// Host half of xcrs-xgetbv: KVM_SET_XCRS of XCR0 = 7 before the run (the guest's xgetbv must read it), and
// KVM_GET_XCRS after the run still says XCR0 = 7.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const XCR0 = 7n; // x87 | SSE | AVX

const hooks: HostHooks = {
  setup({ vcpu }) {
    vcpu.setXcrs([{ xcr: 0, value: XCR0 }]);
  },
  check(_outcome, { vcpu, fail }) {
    const xcr0 = vcpu.getXcrs().find((x) => x.xcr === 0);
    if (xcr0?.value !== XCR0) fail(`KVM_GET_XCRS: XCR0 is ${xcr0 ? '0x' + xcr0.value.toString(16) : 'missing'}, expected 0x${XCR0.toString(16)}`);
  },
};
export default hooks;
