/*
 * feature: KVM_SET_LAPIC / KVM_GET_LAPIC - the host sets the APIC ID and TPR, the guest reads them at 0xfee00000, and the host reads back the guest's write
 * groups:  irqchip
 * mode:    long
 * irqchip: yes
 * requires: KVM_CAP_IRQCHIP
 * timeout: 3
 * # lapic-state.host.ts: before the run, KVM_GET_LAPIC, set APIC ID 5 (bits 31:24 of 0x20) and
 * # TPR 0x30 (0x80), KVM_SET_LAPIC, and read them back. The guest stores what its MMIO reads
 * # return, then writes TPR 0x70 and LDR 0x0a000000 (logical ID 0x0a, 0xd0); after the run
 * # KVM_GET_LAPIC must show both writes and the ID the host set.
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 u32=0x05000000
 * expect:  mem 0x3004 u32=0x30
 */
	.include "testdev.inc"
	.include "irq.inc"

	apic_read APIC_ID
	mov	%eax, 0x3000
	apic_read APIC_TPR
	mov	%eax, 0x3004
	apic_write APIC_TPR, 0x70
	apic_write APIC_LDR, 0x0a000000
	exit_status 0
