// Host half of pit-state2: the flags of KVM_GET_PIT2 / KVM_SET_PIT2 around the guest's PIT and port 0x61 accesses.
import { KVM_PIT_SPEAKER_DUMMY, PIT_FLAGS } from '../../kvmctl/engine/abi/devices.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const { KVM_PIT_FLAGS_HPET_LEGACY: HPET_LEGACY, KVM_PIT_FLAGS_SPEAKER_DATA_ON: DATA_ON } = PIT_FLAGS;

const hooks: HostHooks = {
  prepareVm(vm) {
    vm.createPit2(KVM_PIT_SPEAKER_DUMMY);
  },
  onCheckpoint(n, { vm, fail }) {
    const state = vm.getPit2();
    if (n === 1) {
      if (state.flags !== 0) fail(`checkpoint 1: KVM_GET_PIT2 flags ${state.flags} on a new PIT, expected 0`);
      vm.setPit2({ ...state, flags: DATA_ON | HPET_LEGACY });
      const back = vm.getPit2().flags;
      if (back !== (DATA_ON | HPET_LEGACY)) fail(`checkpoint 1: KVM_GET_PIT2 flags ${back} after setting ${DATA_ON | HPET_LEGACY}`);
    } else if (n === 2) {
      if (state.flags !== HPET_LEGACY) fail(`checkpoint 2: KVM_GET_PIT2 flags ${state.flags} after the guest wrote 1 to port 0x61, expected HPET_LEGACY (${HPET_LEGACY})`);
      if (state.channels[2].gate !== 1) fail(`checkpoint 2: channel 2 gate ${state.channels[2].gate} after the guest wrote 1 to port 0x61, expected 1`);
      const c0 = state.channels[0];
      if (c0.mode !== 2 || c0.count !== 1193) fail(`checkpoint 2: channel 0 mode ${c0.mode} count ${c0.count}, the guest programmed mode 2 count 1193`);
      vm.setPit2({ ...state, flags: 0 });
    }
  },
};
export default hooks;
