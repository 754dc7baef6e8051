// Host half of tsc-khz-get: KVM_GET_TSC_KHZ returns the guest's TSC frequency in kHz, a positive value
// (a host with an unstable TSC fails it with EIO, which fails the test).
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  check(_outcome, { vcpu, fail }) {
    const khz = vcpu.getTscKhz();
    if (khz <= 0) fail(`KVM_GET_TSC_KHZ returned ${khz}`);
  },
};
export default hooks;
