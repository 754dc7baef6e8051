/*
 * feature: KVM_SIGNAL_MSI - an MSI written by the host (address 0xfee00000, APIC ID 0; data: fixed, edge, vector 0x61)
 *            reaches the in-kernel LAPIC and runs the guest's handler for that vector, once
 * groups:  irqchip interrupts
 * requires: KVM_CAP_SIGNAL_MSI KVM_CAP_IRQCHIP
 * mode:    long
 * irqchip: yes
 * timeout: 5
 * # No IOAPIC or GSI is involved: the MSI goes straight to the LAPIC. The step fails when KVM_SIGNAL_MSI
 * # returns 0 (the guest blocked it) rather than the number of vCPUs it was delivered to.
 * on:      checkpoint 1 => signal-msi 0xfee00000 0x61
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 u32=1
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	COUNT, 0x3000

	handle_interrupts 0x61, handler
	checkpoint 1			/* the host signals the MSI */
	wait_nonzero COUNT
	settle_then_pass			/* no second delivery */

handler:
	count_and_eoi_handler COUNT
