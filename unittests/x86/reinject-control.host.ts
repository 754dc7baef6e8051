// Host half of reinject-control: PIT ticks missed during a host pause, with KVM_REINJECT_CONTROL on and off.
import { PIT_FLAGS } from '../../kvmctl/engine/abi/devices.js';
import { errnoOf } from '../../kvmctl/engine/sys/libc.js';
import type { Vm } from '../../kvmctl/engine/kvm/vm.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const PAUSE_MS = 100;

/** Holds this thread (the vCPU's) while the PIT's timer runs on in the kernel. */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Stops channel 0 without touching KVM's backlog: HPET legacy mode takes IRQ 0 from the PIT. */
const stopChannel0 = (vm: Vm) => vm.setPit2({ ...vm.getPit2(), flags: PIT_FLAGS.KVM_PIT_FLAGS_HPET_LEGACY });

const hooks: HostHooks = {
  prepareVm(vm) {
    vm.createPit2();
  },
  onCheckpoint(n, { vm }) {
    if (n === 2) {
      vm.setPit2({ ...vm.getPit2(), flags: 0 }); // channel 0 runs again, from an empty backlog
      vm.reinjectControl(false);
    }
    pause(PAUSE_MS);
    stopChannel0(vm);
  },
  check(_outcome, { machine, system, fail }) {
    const backlog = machine.memory.readU16(0x3002);
    if (backlog < 5) fail(`with reinjection on, ${backlog} interrupts after a ${PAUSE_MS} ms pause of a 1 ms PIT, expected at least 5`);
    const bare = system.createVm();
    try {
      const got = errnoOf(() => bare.reinjectControl(true));
      if (got !== 'ENXIO') fail(`KVM_REINJECT_CONTROL on a VM without a PIT: ${got}, expected ENXIO`);
    } finally {
      bare.close();
    }
  },
};
export default hooks;
