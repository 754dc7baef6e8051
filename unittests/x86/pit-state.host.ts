// Host half of pit-state: KVM_GET_PIT / KVM_SET_PIT around the guest's own PIT port accesses.
import type { PitChannel } from '../../kvmctl/engine/abi/devices.js';
import { errnoOf } from '../../kvmctl/engine/sys/libc.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const RW_LOHI = 3; // access mode lobyte/hibyte, also the read/write state that starts a word (RW_STATE_WORD0)

/** The fields that differ from `want`, as "name got (want)". count_load_time is KVM's clock, never compared. */
const differences = (got: PitChannel, want: Partial<PitChannel>) => Object.entries(want)
  .filter(([k, v]) => k !== 'count_load_time' && got[k as keyof PitChannel] !== v)
  .map(([k, v]) => `${k} ${got[k as keyof PitChannel]} (expected ${v})`);

const hooks: HostHooks = {
  prepareVm(vm) {
    vm.createPit2();
  },
  onCheckpoint(n, { vm, system, fail }) {
    if (n !== 1) return;
    const channels = vm.getPit();
    const programmed = differences(channels[2], { count: 0x1234, mode: 3, rw_mode: RW_LOHI, bcd: 0, write_state: RW_LOHI });
    if (programmed.length) fail(`KVM_GET_PIT channel 2 after the guest's 0xb6 and count 0x1234: ${programmed.join(', ')}`);
    const latched: PitChannel = { ...channels[1], status_latched: 1, status: 0x5a, count_latched: RW_LOHI, latched_count: 0xbeef };
    vm.setPit([channels[0], latched, channels[2]]);
    const back = vm.getPit();
    for (const i of [0, 1, 2]) {
      const d = differences(back[i], i === 1 ? latched : channels[i]);
      if (d.length) fail(`KVM_GET_PIT channel ${i} after KVM_SET_PIT: ${d.join(', ')}`);
    }
    const bare = system.createVm();
    try {
      const get = errnoOf(() => bare.getPit());
      const set = errnoOf(() => bare.setPit(channels));
      if (get !== 'ENXIO' || set !== 'ENXIO') fail(`KVM_GET_PIT / KVM_SET_PIT on a VM without a PIT: ${get} / ${set}, expected ENXIO`);
    } finally {
      bare.close();
    }
  },
};
export default hooks;
