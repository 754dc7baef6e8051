// Host half of tpr-access-reporting: KVM_TPR_ACCESS_REPORTING on vCPU 0 before its first KVM_RUN.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  setup({ vcpu }) {
    vcpu.tprAccessReporting(true);
  },
};
export default hooks;
