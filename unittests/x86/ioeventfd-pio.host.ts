// Host half of ioeventfd-pio: two PIO ioeventfds, one for any 1-byte write to port 0x510 and one for
// 2-byte writes of 0x4242 to port 0x512; after the run their counters are the number of writes each saw.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';
import { eventfdRead } from '../../kvmctl/engine/sys/libc.js';

let any = -1;
let matching = -1;

const hooks: HostHooks = {
  prepareVm(vm) {
    any = vm.eventfd();
    vm.ioeventfd({ fd: any, addr: 0x510, len: 1, pio: true });
    matching = vm.eventfd();
    vm.ioeventfd({ fd: matching, addr: 0x512, len: 2, pio: true, datamatch: 0x4242 });
  },
  check(_outcome, { fail }) {
    const a = eventfdRead(any), m = eventfdRead(matching);
    if (a !== 3n) fail(`eventfd of port 0x510 counted ${a} writes, expected 3`);
    if (m !== 2n) fail(`eventfd of port 0x512 (datamatch 0x4242) counted ${m} writes, expected 2`);
  },
};
export default hooks;
