// Host half of ioeventfd-mmio: two MMIO ioeventfds, one for any 4-byte write to 0x10000000 and one for
// 4-byte writes of 0xcafe to 0x10000008; after the run their counters are the number of writes each saw.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';
import { eventfdRead } from '../../kvmctl/engine/sys/libc.js';

let any = -1;
let matching = -1;

const hooks: HostHooks = {
  prepareVm(vm) {
    any = vm.eventfd();
    vm.ioeventfd({ fd: any, addr: 0x10000000, len: 4 });
    matching = vm.eventfd();
    vm.ioeventfd({ fd: matching, addr: 0x10000008, len: 4, datamatch: 0xcafe });
  },
  check(_outcome, { fail }) {
    const a = eventfdRead(any), m = eventfdRead(matching);
    if (a !== 3n) fail(`eventfd of 0x10000000 counted ${a} writes, expected 3`);
    if (m !== 2n) fail(`eventfd of 0x10000008 (datamatch 0xcafe) counted ${m} writes, expected 2`);
  },
};
export default hooks;
