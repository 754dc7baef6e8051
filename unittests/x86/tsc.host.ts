// Host half of tsc: KVM_GET_TSC_KHZ returns the guest's TSC frequency in kHz (a positive value, or EIO on
// a host with an unstable TSC), and where KVM_CAP_TSC_CONTROL is present, KVM_SET_TSC_KHZ to half of it is
// what KVM_GET_TSC_KHZ then returns. KVM_GET_MSRS of IA32_TSC after the run has not gone backwards.
import type { HostHooks } from '../../kvmctl/test/host-hooks.js';

const IA32_TSC = 0x10;
const SET_TSC = 0x1234560000000000n;

const hooks: HostHooks = {
  check(_outcome, { system, vcpu, fail }) {
    const khz = vcpu.getTscKhz();
    if (khz <= 0) fail(`KVM_GET_TSC_KHZ returned ${khz}`);
    const [tsc] = vcpu.getMsrs([IA32_TSC]);
    if (tsc.data < SET_TSC) fail(`KVM_GET_MSRS IA32_TSC after the run is 0x${tsc.data.toString(16)}, below the 0x${SET_TSC.toString(16)} set before it`);
    if (system.checkExtension('KVM_CAP_TSC_CONTROL') > 0) {
      const want = Math.floor(khz / 2);
      vcpu.setTscKhz(want);
      const got = vcpu.getTscKhz();
      if (got !== want) fail(`KVM_SET_TSC_KHZ ${want}: KVM_GET_TSC_KHZ then returned ${got}`);
    }
  },
};
export default hooks;
