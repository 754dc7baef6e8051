// Host half of check-extension-vm: capabilities asked on a VM fd, held to what the same VM then accepts.
import { errnoOf } from '../../kvmctl/engine/sys/libc.js';
import { GuestMemory } from '../../kvmctl/engine/kvm/memory.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const UNKNOWN_CAP = 0x7fff_0000; // no capability has this number

const hooks: HostHooks = {
  check(_outcome, { system, fail }) {
    const vm = system.createVm();
    const page = new GuestMemory(4096);
    try {
      const self = vm.checkExtension('KVM_CAP_CHECK_EXTENSION_VM');
      if (self !== 1) fail(`the VM's KVM_CAP_CHECK_EXTENSION_VM is ${self}, expected 1`);
      const unknown = vm.checkExtension(UNKNOWN_CAP);
      if (unknown !== 0) fail(`the VM's answer for capability 0x${UNKNOWN_CAP.toString(16)} is ${unknown}, expected 0`);
      // Each slot maps the same host page at its own GPA; the slot field is (address space << 16) | id.
      let gpa = 0n;
      const slot = (id: number) => errnoOf(() => vm.setRegion(id, 0, (gpa += 0x100000n), 4096n, page.hostAddress));
      const spaces = vm.checkExtension('KVM_CAP_MULTI_ADDRESS_SPACE');
      if (spaces < 1) fail(`the VM's KVM_CAP_MULTI_ADDRESS_SPACE is ${spaces}`);
      const last = slot((spaces - 1) << 16);
      if (last !== 'ok') fail(`a slot in address space ${spaces - 1} (KVM_CAP_MULTI_ADDRESS_SPACE ${spaces}): ${last}, expected success`);
      const past = slot(spaces << 16);
      if (past !== 'EINVAL') fail(`a slot in address space ${spaces}: ${past}, expected EINVAL`);
      const slots = vm.checkExtension('KVM_CAP_NR_MEMSLOTS');
      const lastId = slot(slots - 1);
      if (lastId !== 'ok') fail(`slot ${slots - 1} (KVM_CAP_NR_MEMSLOTS ${slots}): ${lastId}, expected success`);
      const pastId = slot(slots);
      if (pastId !== 'EINVAL') fail(`slot ${slots}: ${pastId}, expected EINVAL`);
    } finally {
      vm.close();
      page.close();
    }
  },
};
export default hooks;
