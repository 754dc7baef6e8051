// Host half of lapic-state: KVM_SET_LAPIC before the run (APIC ID 5, TPR 0x30), KVM_GET_LAPIC after it
// (the guest's TPR and LDR writes, the ID unchanged).
import { APIC_REGS } from '../../kvmctl/engine/abi/devices.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const reg = (page: Uint8Array, offset: number) => new DataView(page.buffer, page.byteOffset).getUint32(offset, true);
const hex = (n: number) => `0x${n.toString(16)}`;

const hooks: HostHooks = {
  setup({ vcpu, fail }) {
    const page = vcpu.getLapic();
    const view = new DataView(page.buffer);
    view.setUint32(APIC_REGS.ID, 5 << 24, true);
    view.setUint32(APIC_REGS.TASKPRI, 0x30, true);
    vcpu.setLapic(page);
    const back = vcpu.getLapic();
    if (reg(back, APIC_REGS.ID) !== 5 << 24) fail(`KVM_GET_LAPIC after KVM_SET_LAPIC: ID ${hex(reg(back, APIC_REGS.ID))}, expected 0x5000000`);
    if (reg(back, APIC_REGS.TASKPRI) !== 0x30) fail(`KVM_GET_LAPIC after KVM_SET_LAPIC: TPR ${hex(reg(back, APIC_REGS.TASKPRI))}, expected 0x30`);
  },
  check(_outcome, { vcpu, fail }) {
    const page = vcpu.getLapic();
    const want: Array<[string, number, number]> = [['ID', APIC_REGS.ID, 5 << 24], ['TPR', APIC_REGS.TASKPRI, 0x70], ['LDR', APIC_REGS.LDR, 0x0a000000]];
    for (const [name, offset, value] of want) {
      if (reg(page, offset) !== value) fail(`KVM_GET_LAPIC after the run: ${name} ${hex(reg(page, offset))}, expected ${hex(value)}`);
    }
  },
};
export default hooks;
