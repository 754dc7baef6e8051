// Host half of x2apic-api: a vCPU with a non-zero ID (5) in x2APIC mode, read and written through
// KVM_GET_LAPIC/KVM_SET_LAPIC under KVM_X2APIC_API_USE_32BIT_IDS (enabled by the header).
import { APIC_REGS } from '../../kvmctl/engine/abi/devices.js';
import { errnoOf } from '../../kvmctl/engine/sys/libc.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const IA32_APIC_BASE = 0x1b;
const X2APIC_ON = 0xfee00000n | 0x800n | 0x400n; // base, EN, EXTD (not the BSP)
const ID = 5;
const reg = (page: Uint8Array, offset: number) => new DataView(page.buffer, page.byteOffset).getUint32(offset, true);
const hex = (n: number) => `0x${n.toString(16)}`;

const hooks: HostHooks = {
  check(_outcome, { system, vm, fail }) {
    const vcpu = vm.createVcpu(ID);
    vcpu.setCpuid(system.supportedCpuid());
    vcpu.setMsrs([{ index: IA32_APIC_BASE, data: X2APIC_ON }]);
    const page = vcpu.getLapic();
    if (reg(page, APIC_REGS.ID) !== ID) fail(`KVM_GET_LAPIC in x2APIC mode: ID ${hex(reg(page, APIC_REGS.ID))}, expected ${ID} (32-bit IDs)`);
    if (reg(page, APIC_REGS.LDR) !== 1 << ID) fail(`KVM_GET_LAPIC in x2APIC mode: LDR ${hex(reg(page, APIC_REGS.LDR))}, expected ${hex(1 << ID)}`);

    // The xAPIC-style ID (5 << 24) is not this vCPU's x2APIC ID: refused, and the state stays as it was.
    const shifted = page.slice();
    new DataView(shifted.buffer).setUint32(APIC_REGS.ID, ID << 24, true);
    const refused = errnoOf(() => vcpu.setLapic(shifted));
    if (refused !== 'EINVAL') fail(`KVM_SET_LAPIC with ID ${hex(ID << 24)} on vCPU ${ID}: ${refused}, expected EINVAL`);
    const asRead = errnoOf(() => vcpu.setLapic(page));
    if (asRead !== 'ok') fail(`KVM_SET_LAPIC of the page KVM_GET_LAPIC gave: ${asRead}, expected it to be accepted`);
    const after = reg(vcpu.getLapic(), APIC_REGS.ID);
    if (after !== ID) fail(`KVM_GET_LAPIC after the KVM_SET_LAPIC calls: ID ${hex(after)}, expected ${ID}`);
  },
};
export default hooks;
