// Host half of gsi-routing: KVM_SET_GSI_ROUTING after KVM_CREATE_IRQCHIP, before the vCPUs: GSI 30 is an MSI to
// APIC ID 0 with vector 0x62, GSI 31 is IOAPIC pin 5, and nothing else (the default table is replaced).
import { IRQ_ROUTING } from '../../kvmctl/engine/abi/devices.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  prepareVm(vm) {
    vm.setGsiRouting([
      { gsi: 30, type: IRQ_ROUTING.KVM_IRQ_ROUTING_MSI, u_0: 0xfee00000, u_1: 0, u_2: 0x62 },
      { gsi: 31, type: IRQ_ROUTING.KVM_IRQ_ROUTING_IRQCHIP, u_0: IRQ_ROUTING.KVM_IRQCHIP_IOAPIC, u_1: 5 },
    ]);
  },
};
export default hooks;
