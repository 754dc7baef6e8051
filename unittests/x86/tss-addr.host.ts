// Host half of tss-addr: KVM_SET_TSS_ADDR at the last address whose three pages end at 4 GiB, and past it.
import { errnoOf } from '../../kvmctl/engine/sys/libc.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const CASES: Array<[number, string]> = [
  [0x1_0000_0000 - 3 * 4096, 'ok'],
  [0x1_0000_0000 - 3 * 4096 + 1, 'EINVAL'],
  [0x1_0000_0000, 'EINVAL'],
];

const hooks: HostHooks = {
  check(_outcome, { system, fail }) {
    for (const [address, want] of CASES) {
      const vm = system.createVm(); // a fresh VM each time: Intel's legacy real mode allows one TSS region per VM
      try {
        const got = errnoOf(() => vm.setTssAddr(address));
        if (got !== want) fail(`KVM_SET_TSS_ADDR(0x${address.toString(16)}): ${got}, expected ${want}`);
      } finally {
        vm.close();
      }
    }
  },
};
export default hooks;
