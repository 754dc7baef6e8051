// Host half of kvmclock: KVM_SET_CLOCK moves the VM's clock 1000 s past what KVM_GET_CLOCK said; the
// guest's two pvclock reads must lie between that value and KVM_GET_CLOCK after the run.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const AHEAD = 1_000_000_000_000n; // 1000 s in ns
const SLACK = 1_000_000_000n; // KVM_GET_CLOCK right after KVM_SET_CLOCK: at most 1 s later
let set = 0n;

const hooks: HostHooks = {
  setup({ vm, fail }) {
    const before = vm.getClock().clock;
    set = before + AHEAD;
    vm.setClock({ clock: set });
    const after = vm.getClock().clock;
    if (after < set || after > set + SLACK) fail(`KVM_GET_CLOCK after KVM_SET_CLOCK(${set}) returned ${after}`);
  },
  check(_outcome, { vm, machine, fail }) {
    const now = vm.getClock().clock;
    const t1 = machine.memory.readU64(0x3000), t2 = machine.memory.readU64(0x3008);
    if (t1 < set) fail(`the guest's first kvmclock read ${t1} is before the value KVM_SET_CLOCK set, ${set}`);
    if (t2 < t1) fail(`the guest's kvmclock went backwards: ${t1}, then ${t2}`);
    if (t2 > now) fail(`the guest's second kvmclock read ${t2} is after KVM_GET_CLOCK's ${now} at the end of the run`);
  },
};
export default hooks;
