// Host half of smm-smi: RAM in address space 1 too, where a vCPU in SMM looks up its memory slots
// (KVM_CAP_MULTI_ADDRESS_SPACE: the slot number's high 16 bits are the address space).
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const SMM_ADDRESS_SPACE = 1 << 16;

const hooks: HostHooks = {
  prepareVm(vm) {
    const ram = vm.slots.get(0);
    if (!ram) throw new Error('no RAM in slot 0');
    vm.addSlot({ slot: SMM_ADDRESS_SPACE | 0, gpa: ram.gpa, size: ram.size, memory: ram.memory });
  },
};
export default hooks;
