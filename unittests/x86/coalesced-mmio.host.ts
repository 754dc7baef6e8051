// Host half of coalesced-mmio: the zone 0x10000000 + 4 KiB; at the exit for the write outside it the
// ring holds the first four writes, at the end the last four, each with its address, length and data.
import type { CoalescedEntry } from '../../kvmctl/engine/abi/devices.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';
import { checkRing, type Write } from './coalesced-ring.js';

const ZONE = 0x10000000n;
const BEFORE_EXIT: Write[] = [[ZONE, 1, 0x11n], [ZONE + 0x10n, 2, 0x2222n], [ZONE + 0x20n, 4, 0x33333333n], [ZONE + 0x28n, 8, 0x4444444444444444n]];
const AFTER_EXIT: Write[] = [[ZONE + 0xffcn, 4, 0x66666666n], [ZONE + 1n, 1, 0x77n], [ZONE + 0x12n, 2, 0x8888n], [ZONE, 4, 0x99999999n]];
let atExit: CoalescedEntry[] | undefined;

const hooks: HostHooks = {
  prepareVm(vm) {
    atExit = undefined;
    vm.registerCoalescedMmio(ZONE, 0x1000);
  },
  onExit(exit, { system, vcpu }) {
    if (exit.reason === 'mmio' && exit.address === ZONE + 0x1000n) atExit = vcpu.takeCoalesced(system.checkExtension('KVM_CAP_COALESCED_MMIO'));
    return undefined;
  },
  check(_outcome, { system, vcpu, fail }) {
    if (!atExit) fail('the write to 0x10001000 did not exit');
    else checkRing('at the exit for 0x10001000', atExit, BEFORE_EXIT, 0, fail);
    checkRing('at the end of the run', vcpu.takeCoalesced(system.checkExtension('KVM_CAP_COALESCED_MMIO')), AFTER_EXIT, 0, fail);
  },
};
export default hooks;
