// Host half of tsc-khz-set: KVM_SET_TSC_KHZ to half of what KVM_GET_TSC_KHZ reports is what
// KVM_GET_TSC_KHZ then returns. The header requires KVM_CAP_TSC_CONTROL, which the ioctl needs.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  check(_outcome, { vcpu, fail }) {
    const khz = vcpu.getTscKhz();
    const want = Math.floor(khz / 2);
    vcpu.setTscKhz(want);
    const got = vcpu.getTscKhz();
    if (got !== want) fail(`KVM_SET_TSC_KHZ ${want}: KVM_GET_TSC_KHZ then returned ${got}`);
  },
};
export default hooks;
