// Host half of mmu-pages: KVM_SET_NR_MMU_PAGES / KVM_GET_NR_MMU_PAGES on the VM before its first run.
import { errnoOf } from '../../kvmctl/engine/sys/libc.js';
import type { Vm } from '../../kvmctl/engine/kvm/vm.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const MIN = 64; // KVM_MIN_ALLOC_MMU_PAGES
const PAGES_PER_MMU_PAGE = 50; // KVM_MEMSLOT_PAGES_TO_MMU_PAGES_RATIO

/** What KVM picks when userspace has set no limit: from the pages in all the VM's slots. */
const automatic = (vm: Vm): number => {
  const pages = [...vm.slots.values()].reduce((n, s) => n + s.size / 4096, 0);
  return Math.max(MIN, Math.floor(pages / PAGES_PER_MMU_PAGE));
};

const hooks: HostHooks = {
  setup({ vm, fail }) {
    const expect = (what: string, want: number) => {
      const got = vm.nrMmuPages();
      if (got !== want) fail(`${what}: KVM_GET_NR_MMU_PAGES ${got}, expected ${want}`);
    };
    expect('16 MiB of RAM, no limit set', automatic(vm));
    vm.addSlot({ slot: 1, gpa: 0x10000000, size: 4 << 20 });
    expect('a 4 MiB slot added, no limit set', automatic(vm));
    const before = vm.nrMmuPages();
    const below = errnoOf(() => vm.setNrMmuPages(MIN - 1));
    if (below !== 'EINVAL') fail(`KVM_SET_NR_MMU_PAGES(${MIN - 1}): ${below}, expected EINVAL`);
    expect(`after the refused KVM_SET_NR_MMU_PAGES(${MIN - 1})`, before);
    vm.setNrMmuPages(MIN);
    expect(`KVM_SET_NR_MMU_PAGES(${MIN})`, MIN);
    vm.setNrMmuPages(1000);
    expect('KVM_SET_NR_MMU_PAGES(1000)', 1000);
    vm.addSlot({ slot: 2, gpa: 0x20000000, size: 4 << 20 });
    expect('a slot added after KVM_SET_NR_MMU_PAGES(1000)', 1000);
  },
};
export default hooks;
