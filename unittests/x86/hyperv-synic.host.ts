// Host half of hyperv-synic: KVM_ENABLE_CAP(KVM_CAP_HYPERV_SYNIC) on vCPU 0 before the run; the same on a vCPU of a
// VM without an in-kernel irqchip is EINVAL (the SynIC delivers its interrupts through the LAPIC).
import { CAPABILITIES } from '../../kvmctl/engine/abi/capabilities.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';
import { SysError } from '../../kvmctl/engine/sys/libc.js';

const hooks: HostHooks = {
  setup({ system, vcpu, fail }) {
    const bare = system.createVm();
    try {
      bare.createVcpu().enableCap(CAPABILITIES.KVM_CAP_HYPERV_SYNIC);
      fail('KVM_ENABLE_CAP(KVM_CAP_HYPERV_SYNIC) on a vCPU without an in-kernel LAPIC succeeded, expected EINVAL');
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      if (e.code !== 'EINVAL') fail(`KVM_ENABLE_CAP(KVM_CAP_HYPERV_SYNIC) without an in-kernel LAPIC: ${e.code}, expected EINVAL`);
    } finally {
      bare.close();
    }
    vcpu.enableCap(CAPABILITIES.KVM_CAP_HYPERV_SYNIC);
  },
};
export default hooks;
