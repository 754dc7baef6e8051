// Host half of coalesced-pio: the port range 0x600-0x607 (pio=1); at the exit for port 0x608 the ring
// holds the first four OUTs, at the end the last three, each with its port, size, data and pio=1.
import type { CoalescedEntry } from '../../kvmctl/engine/abi/devices.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';
import { checkRing, type Write } from './coalesced-ring.js';

const BEFORE_EXIT: Write[] = [[0x600n, 1, 0x11n], [0x602n, 2, 0x2222n], [0x604n, 4, 0x33333333n], [0x607n, 1, 0x44n]];
const AFTER_EXIT: Write[] = [[0x601n, 1, 0x66n], [0x606n, 2, 0x7777n], [0x600n, 4, 0x88888888n]];
let atExit: CoalescedEntry[] | undefined;

const hooks: HostHooks = {
  prepareVm(vm) {
    atExit = undefined;
    vm.registerCoalescedPio(0x600, 8);
  },
  onExit(exit, { system, vcpu }) {
    if (exit.reason === 'io' && exit.port === 0x608) atExit = vcpu.takeCoalesced(system.checkExtension('KVM_CAP_COALESCED_MMIO'));
    return undefined;
  },
  check(_outcome, { system, vcpu, fail }) {
    if (!atExit) fail('the OUT to port 0x608 did not exit');
    else checkRing('at the exit for port 0x608', atExit, BEFORE_EXIT, 1, fail);
    checkRing('at the end of the run', vcpu.takeCoalesced(system.checkExtension('KVM_CAP_COALESCED_MMIO')), AFTER_EXIT, 1, fail);
  },
};
export default hooks;
