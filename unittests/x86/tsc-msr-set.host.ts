// Host half of tsc-msr-set: KVM_GET_MSRS of IA32_TSC after the run has not gone below the value
// KVM_SET_MSRS set before it.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const IA32_TSC = 0x10;
const SET_TSC = 0x1234560000000000n;

const hooks: HostHooks = {
  check(_outcome, { vcpu, fail }) {
    const [tsc] = vcpu.getMsrs([IA32_TSC]);
    if (tsc.data < SET_TSC) fail(`KVM_GET_MSRS IA32_TSC after the run is 0x${tsc.data.toString(16)}, below the 0x${SET_TSC.toString(16)} set before it`);
  },
};
export default hooks;
