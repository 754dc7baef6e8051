// Host half of sync-mmu: at checkpoint 1, page 1 of slot 1 gets new host memory in place (mmap MAP_FIXED at
// the same address, so the slot is not touched) with 0x22222222 at its start. The rest of the new page is 0.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  onCheckpoint(n, { vm }) {
    if (n !== 1) return;
    const memory = vm.slots.get(1)!.memory;
    memory.replacePages(0x1000, 0x1000);
    memory.writeU32(0x1000, 0x22222222);
  },
};
export default hooks;
