// Host half of split-irqchip: the GSI routing of a userspace IOAPIC, set once the vCPU exists (KVM scans the
// routes of the reserved pins for level-triggered vectors on each vCPU when the table changes). MSI data:
// bit 15 level-triggered, bit 14 asserted, then the vector; address 0xfee00000 is physical APIC ID 0.
import { IRQ_ROUTING } from '../../kvmctl/engine/abi/devices.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const LEVEL_ASSERT = 0xc000;
const msiRoute = (gsi: number, vector: number) =>
  ({ gsi, type: IRQ_ROUTING.KVM_IRQ_ROUTING_MSI, u_0: 0xfee00000, u_1: 0, u_2: LEVEL_ASSERT | vector });

const hooks: HostHooks = {
  setup({ vm }) {
    vm.setGsiRouting([msiRoute(5, 0x61), msiRoute(30, 0x62)]);
  },
};
export default hooks;
