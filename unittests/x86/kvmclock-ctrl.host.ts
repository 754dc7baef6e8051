// Host half of kvmclock-ctrl: KVM_KVMCLOCK_CTRL at checkpoint 1, once the guest's pvclock is registered.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  onCheckpoint(n, { vcpu }) {
    if (n === 1) vcpu.kvmclockCtrl();
  },
};
export default hooks;
