// Host half of kvmclock-ctrl: KVM_KVMCLOCK_CTRL (no argument) at checkpoint 1, once the guest's pvclock is registered.
import { IOCTLS } from '../../kvmctl/engine/abi/ioctls.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  onCheckpoint(n, { vcpu }) {
    if (n === 1) vcpu.ioctl(IOCTLS.KVM_KVMCLOCK_CTRL, new Uint8Array(8));
  },
};
export default hooks;
