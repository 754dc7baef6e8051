// Host half of smp-ipi: with an in-kernel irqchip an AP waits for INIT/SIPI; make vCPU 1 runnable
// so it starts at the entry point in long mode like vCPU 0.
import { MP_STATES } from '../../kvmctl/engine/abi/devices.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  setup({ machine }) {
    machine.vcpus[1].setMpState(MP_STATES.KVM_MP_STATE_RUNNABLE);
  },
};
export default hooks;
